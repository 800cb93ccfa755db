# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A number starts with a digit (E0105); `.5` gets the fix-it `0.5`.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: invalid_number.aug:[[@LINE+3]]:22: error[E0105]: invalid number `.5`
  # CHECK-NEXT: note: a number starts with a digit
  # CHECK-NEXT: invalid_number.aug:[[@LINE+1]]:22: fix-it: insert `0`
  brightness(factor: .5)
  brightness(factor: 0.5)
}
# CHECK-NOT: error
