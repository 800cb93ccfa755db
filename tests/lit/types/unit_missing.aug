# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A number without a unit where an angle is expected: E0302, with a fix-it that adds `deg`.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: unit_missing.aug:[[@LINE+2]]:17: error[E0302]: `angle` is an angle and needs a unit (deg or rad), found a plain number `30`
  # CHECK-NEXT: unit_missing.aug:[[@LINE+1]]:19: fix-it: insert `deg`
  rotate(angle: 30)
  rotate(angle: 30deg)
  rotate(angle: 0.5rad)
}
# CHECK-NOT: error
