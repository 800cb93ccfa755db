# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A statement takes `@p` and `@w` only (E0310), with a fix-it for the likely one.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: unknown_annotation.aug:[[@LINE+2]]:12: error[E0310]: unknown annotation `@prob` (expected @p or @w)
  # CHECK-NEXT: unknown_annotation.aug:[[@LINE+1]]:12: fix-it: replace `prob` with `p`
  hflip() @prob(0.5)
  # CHECK-NEXT: unknown_annotation.aug:[[@LINE+2]]:12: error[E0310]: unknown annotation `@P` (expected @p or @w)
  # CHECK-NEXT: unknown_annotation.aug:[[@LINE+1]]:12: fix-it: replace `P` with `p`
  vflip() @P(0.5)
  # CHECK-NEXT: unknown_annotation.aug:[[@LINE+1]]:13: error[E0310]: unknown annotation `@repeat` (expected @p or @w)
  invert() @repeat(2)
  hflip() @p(0.5)
  one_of { vflip() @w(2) invert() }
}
# CHECK-NOT: error
