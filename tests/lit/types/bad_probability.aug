# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `@p(x)` needs x in [0, 1], for literals and for expressions of parameters over their domain (E0309).

sample Photo {
  image: image(rgb)
}

policy train(q: float in [0, 1] = 0.5) on Photo {
  # CHECK: bad_probability.aug:[[@LINE+1]]:14: error[E0309]: probability 1.5 is outside [0, 1]
  hflip() @p(1.5)
  # CHECK-NEXT: bad_probability.aug:[[@LINE+1]]:14: error[E0309]: probability -0.1 is outside [0, 1]
  vflip() @p(-0.1)
  # CHECK-NEXT: bad_probability.aug:[[@LINE+1]]:15: error[E0309]: probability [0, 2] is outside [0, 1]
  invert() @p(q * 2)
  hflip() @p(1)
  vflip() @p(q)
  invert() @p(q / 2)
}
# CHECK-NOT: error
