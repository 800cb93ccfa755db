# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# An annotation is given once per statement (E0403): with `@p(0.5) @p(0.3)` which one wins would be left open.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: duplicate_annotation.aug:[[@LINE+2]]:19: error[E0403]: argument `@p` is given twice
  # CHECK-NEXT: duplicate_annotation.aug:[[@LINE+1]]:11: note: first given here
  hflip() @p(0.5) @p(0.3)
  one_of {
    # CHECK-NEXT: duplicate_annotation.aug:[[@LINE+2]]:19: error[E0403]: argument `@w` is given twice
    # CHECK-NEXT: duplicate_annotation.aug:[[@LINE+1]]:13: note: first given here
    hflip() @w(2) @w(3)
    vflip() @w(2) @p(0.5)
  }
}
# CHECK-NOT: error
