# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Units must agree with the parameter's type, and arithmetic keeps them consistent (E0302).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: unit_mismatch.aug:[[@LINE+1]]:17: error[E0302]: `angle` is an angle and needs a unit (deg or rad), found a duration `30s`
  rotate(angle: 30s)
  # CHECK-NEXT: unit_mismatch.aug:[[@LINE+1]]:17: error[E0302]: `10deg + 2` is a sum and needs a unit (the same on both sides), found an angle plus a plain number
  rotate(angle: 10deg + 2)
  # CHECK-NEXT: unit_mismatch.aug:[[@LINE+1]]:17: error[E0302]: `10deg * 2deg` is a product and needs a unit (on one side only), found an angle times an angle
  rotate(angle: 10deg * 2deg)
  # A random value without units gets a fix-it on each bound.
  # CHECK-NEXT: unit_mismatch.aug:[[@LINE+3]]:17: error[E0302]: `angle` is an angle and needs a unit (deg or rad), found `randint(-10, 10)`
  # CHECK-NEXT: unit_mismatch.aug:[[@LINE+2]]:28: fix-it: insert `deg`
  # CHECK-NEXT: unit_mismatch.aug:[[@LINE+1]]:32: fix-it: insert `deg`
  rotate(angle: randint(-10, 10))
  rotate(angle: 30deg)
  rotate(angle: 10deg + 0.1rad)
  rotate(angle: 10deg * 2)
  rotate(angle: randint(-10deg, 10deg))
}
# CHECK-NOT: error
