# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `on:` names a field of the sample whose kind the op works on (E0406).

sample Stereo {
  left: image(rgb)
  right: image(rgb)
  label: class(10)
}

policy train on Stereo {
  # CHECK: bad_target.aug:[[@LINE+2]]:31: error[E0406]: `on: middle`: sample `Stereo` has no such field
  # CHECK-NEXT: bad_target.aug:[[@LINE-8]]:8: note: the sample is declared here
  brightness(factor: 1.2, on: middle)
  # CHECK-NEXT: bad_target.aug:[[@LINE+3]]:31: error[E0406]: `on: lft`: sample `Stereo` has no such field
  # CHECK-NEXT: bad_target.aug:[[@LINE-11]]:8: note: the sample is declared here
  # CHECK-NEXT: bad_target.aug:[[@LINE+1]]:31: fix-it: replace `lft` with `left`
  brightness(factor: 1.2, on: lft)
  # CHECK-NEXT: bad_target.aug:[[@LINE+1]]:27: error[E0406]: `on: 3`: name a field of the sample
  brightness(factor: 1.2, on: 3)
  # CHECK-NEXT: bad_target.aug:[[@LINE+2]]:31: error[E0406]: `on: label`: `label` is a class field and `brightness` works on image fields
  # CHECK-NEXT: bad_target.aug:[[@LINE-14]]:3: note: the field is declared here
  brightness(factor: 1.2, on: label)
  brightness(factor: 1.2, on: left)
  brightness(factor: 1.2, on: right)
}
# CHECK-NOT: error
