# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A statement calls a prelude op, an imported or local transform (E0202), with a did-you-mean fix-it.

import std.vision

sample Photo {
  image: image(rgb)
}

transform jitter() {
  brightness(factor: 1.1)
}

policy train on Photo {
  # CHECK: unknown_op.aug:[[@LINE+2]]:3: error[E0202]: unknown op or transform `rotat`
  # CHECK-NEXT: unknown_op.aug:[[@LINE+1]]:3: fix-it: replace `rotat` with `rotate`
  rotat(angle: 10deg)
  # CHECK-NEXT: unknown_op.aug:[[@LINE+2]]:3: error[E0202]: unknown op or transform `rand_augmnt`
  # CHECK-NEXT: unknown_op.aug:[[@LINE+1]]:3: fix-it: replace `rand_augmnt` with `rand_augment`
  rand_augmnt(n: 2)
  # CHECK-NEXT: unknown_op.aug:[[@LINE+2]]:3: error[E0202]: unknown op or transform `jiter`
  # CHECK-NEXT: unknown_op.aug:[[@LINE+1]]:3: fix-it: replace `jiter` with `jitter`
  jiter()
  rotate(angle: 10deg)
  rand_augment(n: 2)
  jitter()
}
# CHECK-NOT: error
