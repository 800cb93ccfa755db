# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A value of the wrong type for a parameter, a default or an operator (E0301).

# CHECK: type_mismatch.aug:[[@LINE+1]]:13: error[E0301]: expected a number for `*`, found a list `[1, 2]`
const big = [1, 2] * 3
const fine = 2 * 3

sample Photo {
  image: image(rgb)
}

# CHECK-NEXT: type_mismatch.aug:[[@LINE+1]]:34: error[E0301]: expected float for `amount`, found a string `"lots"`
transform jitter(amount: float = "lots", on_off: bool = true) {
  brightness(factor: amount)
}

policy train on Photo {
  # CHECK-NEXT: type_mismatch.aug:[[@LINE+1]]:22: error[E0301]: expected float for `factor`, found a string `"1.2"`
  brightness(factor: "1.2")
  # CHECK-NEXT: type_mismatch.aug:[[@LINE+1]]:32: error[E0301]: expected true or false for `expand`, found a plain number `1`
  rotate(angle: 10deg, expand: 1)
  # CHECK-NEXT: type_mismatch.aug:[[@LINE+1]]:30: error[E0301]: expected color for `fill`, found a string `"red"`
  rotate(angle: 10deg, fill: "red")
  brightness(factor: 1.2)
  rotate(angle: 10deg, expand: true, fill: [255, 0, 0])
  jitter(amount: 1.1, on_off: false)
}
# CHECK-NOT: error
