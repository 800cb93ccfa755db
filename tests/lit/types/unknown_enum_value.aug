# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A bare identifier where an enum value is expected must be one of its values (E0306): arguments, defaults
# and `match` arms, with a did-you-mean fix-it.

sample Photo {
  image: image(rgb)
}

# CHECK: unknown_enum_value.aug:[[@LINE+3]]:30: error[E0306]: `bilinar` is not a value of `interp` (values: nearest, bilinear, bicubic)
# CHECK-NEXT: <stdlib>/std/prims_image.aug:{{[0-9]+}}:1: note: the enum is declared here
# CHECK-NEXT: unknown_enum_value.aug:[[@LINE+1]]:30: fix-it: replace `bilinar` with `bilinear`
transform spin(how: interp = bilinar, mode: flip | turn = flip) {
  match mode {
    flip => hflip()
    # The misspelt arm is not also reported as a missing one (E0313).
    # CHECK-NEXT: unknown_enum_value.aug:[[@LINE+2]]:5: error[E0306]: `trun` is not a value of `mode` (values: flip, turn)
    # CHECK-NEXT: unknown_enum_value.aug:[[@LINE+1]]:5: fix-it: replace `trun` with `turn`
    trun => rotate(angle: 90deg, interp: how)
  }
}

policy train on Photo {
  # CHECK-NEXT: unknown_enum_value.aug:[[@LINE+3]]:32: error[E0306]: `bilinar` is not a value of `interp` (values: nearest, bilinear, bicubic)
  # CHECK-NEXT: <stdlib>/std/prims_image.aug:{{[0-9]+}}:1: note: the enum is declared here
  # CHECK-NEXT: unknown_enum_value.aug:[[@LINE+1]]:32: fix-it: replace `bilinar` with `bilinear`
  rotate(angle: 10deg, interp: bilinar)
  rotate(angle: 10deg, interp: bilinear)
}

transform spin_fixed(how: interp = bilinear, mode: flip | turn = flip) {
  match mode {
    flip => hflip()
    turn => rotate(angle: 90deg, interp: how)
  }
}
# CHECK-NOT: error
