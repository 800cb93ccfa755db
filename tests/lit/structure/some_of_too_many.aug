# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `some_of(n: k)` picks k distinct statements; k may not exceed their number unless `replace: true` (E0604).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: some_of_too_many.aug:[[@LINE+2]]:14: error[E0604]: `some_of` picks 3 distinct statements out of 2; use `replace: true` or lower `n`
  # CHECK-NEXT: some_of_too_many.aug:[[@LINE+1]]:15: fix-it: insert `, replace: true`
  some_of(n: 3) {
    hflip()
    vflip()
  }
  some_of(n: 3, replace: true) {
    hflip()
    vflip()
  }
  some_of(n: 2) {
    hflip()
    vflip()
  }
}
# CHECK-NOT: error
