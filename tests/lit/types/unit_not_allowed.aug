# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A unit where the parameter's type takes none of that kind: E0302 says which units the type does accept
# (a size takes px and %, a float or a count takes %, an int or a colour none).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: unit_not_allowed.aug:[[@LINE+1]]:21: error[E0302]: `size` is a size and needs a unit (px, % or no unit), found an angle `50deg`
  center_crop(size: 50deg, min_visibility: 0.5)
  center_crop(size: 50px, min_visibility: 0.5)
  center_crop(size: 50%, min_visibility: 0.5)
  # CHECK-NEXT: unit_not_allowed.aug:[[@LINE+1]]:22: error[E0302]: `factor` is a plain number and needs a unit (% or no unit), found a duration `1s`
  brightness(factor: 1s)
  brightness(factor: 50%)
  # CHECK-NEXT: unit_not_allowed.aug:[[@LINE+1]]:11: error[E0302]: `px` is a plain number and needs a unit (no unit), found a length in pixels `4px`
  pad(px: 4px)
  # CHECK-NEXT: unit_not_allowed.aug:[[@LINE+1]]:30: error[E0302]: `fill` is a plain number and needs a unit (no unit), found a gain `1dB`
  rotate(angle: 10deg, fill: 1dB)
}
# CHECK-NOT: error
