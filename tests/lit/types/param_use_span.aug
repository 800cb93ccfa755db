# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A policy parameter used where its type does not fit is reported where it is used (not at its declaration),
# with a note at the declaration.

sample Photo {
  image: image(rgb)
}

policy train(x: int = 1, f: float in [0, 1] = 0.5, s: string = "a", nearest: int = 2) on Photo {
  # CHECK: param_use_span.aug:[[@LINE+2]]:17: error[E0301]: expected angle for `angle`, found parameter `x` of type int
  # CHECK-NEXT: param_use_span.aug:9:14: note: `x` is declared here
  rotate(angle: x)
  # CHECK: param_use_span.aug:[[@LINE+2]]:14: error[E0301]: expected float for `@p`, found parameter `s` of type string
  # CHECK-NEXT: param_use_span.aug:9:52: note: `s` is declared here
  hflip() @p(s)
  # CHECK: param_use_span.aug:[[@LINE+2]]:32: error[E0301]: expected interp for `interp`, found parameter `f` of type float
  # CHECK-NEXT: param_use_span.aug:9:26: note: `f` is declared here
  rotate(angle: 10deg, interp: f)
  # A parameter named like an enum value is the parameter.
  # CHECK: param_use_span.aug:[[@LINE+2]]:32: error[E0301]: expected interp for `interp`, found parameter `nearest` of type int
  # CHECK-NEXT: param_use_span.aug:9:69: note: `nearest` is declared here
  rotate(angle: 10deg, interp: nearest)
  hflip() @p(f)
}
# CHECK-NOT: error
