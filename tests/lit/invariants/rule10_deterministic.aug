# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 10 (E0712): a `deterministic` policy may contain no random value (error at the value), no `@p` below 1
# (at the probability as written, even when it is a parameter), no `one_of`/`some_of` (at the keyword), and
# no transform that draws (at the user's call, with a note inside). Every E0712 has a note at the policy's
# `deterministic` keyword. A random value passed to a transform is reported once, at the argument.
import std.vision

sample Photo {
  image: image(rgb)
  label: class(1000)
}

transform tilt(a: angle = 0deg) {
  rotate(angle: a)
}

transform tilt_twice(a: angle = 0deg) {
  tilt(a: a)
  tilt(a: a)
}

policy eval_fixed(flip_p: float in [0, 1] = 1) on Photo deterministic {
  # CHECK: rule10_deterministic.aug:[[@LINE+14]]:17: error[E0712]: deterministic policy `eval_fixed` draws a random value for `angle`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  # TEXT: {{^}}error[E0712]: deterministic policy `eval_fixed` draws a random value for `angle`{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule10_deterministic.aug:[[@LINE+11]]:17{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   rotate(angle: uniform(-5deg, 5deg)){{$}}
  # TEXT-NEXT: {{^}}   |                 ^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the policy is declared deterministic here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule10_deterministic.aug:23:57{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}23 | policy eval_fixed(flip_p: float in [0, 1] = 1) on Photo deterministic {{[{]$}}
  # TEXT-NEXT: {{^}}   |                                                         ^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  rotate(angle: uniform(-5deg, 5deg))
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:14: error[E0712]: deterministic policy `eval_fixed` applies a statement with probability below 1
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  hflip() @p(0.5)
  # A parameter may be set below 1 at bind time: reported at its use.
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:14: error[E0712]: deterministic policy `eval_fixed` applies a statement with probability below 1
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  vflip() @p(flip_p)
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:3: error[E0712]: deterministic policy `eval_fixed` uses `one_of`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  one_of { hflip() vflip() }
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:3: error[E0712]: deterministic policy `eval_fixed` uses `some_of`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  some_of(n: 1) { hflip() vflip() }
  # A stdlib transform that draws: at the call, with a note at the statement inside that draws.
  # CHECK: rule10_deterministic.aug:[[@LINE+16]]:3: error[E0712]: deterministic policy `eval_fixed` uses `some_of`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  # CHECK-NEXT: <stdlib>/std/vision.aug:{{[0-9]+}}:3: note: inside `rand_augment`, this statement is the cause
  # TEXT: {{^}}error[E0712]: deterministic policy `eval_fixed` uses `some_of`{{$}}
  # TEXT: {{^}}error[E0712]: deterministic policy `eval_fixed` uses `some_of`{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule10_deterministic.aug:[[@LINE+11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   rand_augment(n: 2, magnitude: 9){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the policy is declared deterministic here{{$}}
  # TEXT: {{^}}note: inside `rand_augment`, this statement is the cause{{$}}
  # TEXT-NEXT: {{^}}  --> <stdlib>/std/vision.aug:{{[0-9]+}}:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}{{ *[0-9]+}} |   some_of(n: n, replace: true) {{[{]$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^{{$}}
  rand_augment(n: 2, magnitude: 9)
  # A random value passed to a transform: once, at the argument (not again inside `tilt` or `tilt_twice`).
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:11: error[E0712]: deterministic policy `eval_fixed` draws a random value for `a`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  tilt(a: normal(0deg, 2deg))
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:17: error[E0712]: deterministic policy `eval_fixed` draws a random value for `a`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  tilt_twice(a: signed(3deg))
  # A random value inside a list argument.
  # CHECK: rule10_deterministic.aug:[[@LINE+2]]:21: error[E0712]: deterministic policy `eval_fixed` draws a random value for `translate`
  # CHECK-NEXT: rule10_deterministic.aug:23:57: note: the policy is declared deterministic here
  affine(translate: [randint(-4, 4), 0])
  # Accepted: probability 1, constants, a transform given constants.
  hflip() @p(1)
  rotate(angle: 90deg)
  tilt(a: 5deg)
  resize(size: [224, 224])
}
# TEXT: {{^}}9 errors generated.{{$}}
