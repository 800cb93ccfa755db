# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# An argument names a parameter of the op or transform (E0401), with a did-you-mean fix-it and the list of
# parameters.

sample Photo {
  image: image(rgb)
}

transform jitter(strength: float in [0, 2] = 1) {
  brightness(factor: strength)
}

policy train on Photo {
  # CHECK: unknown_argument.aug:[[@LINE+3]]:10: error[E0401]: `rotate` has no parameter `angel`
  # CHECK-NEXT: note: `rotate` takes: angle, interp, fill, expand, boxes
  # CHECK-NEXT: unknown_argument.aug:[[@LINE+1]]:10: fix-it: replace `angel` with `angle`
  rotate(angel: 10deg)
  # CHECK-NEXT: unknown_argument.aug:[[@LINE+3]]:10: error[E0401]: `jitter` has no parameter `strenght`
  # CHECK-NEXT: note: `jitter` takes: strength
  # CHECK-NEXT: unknown_argument.aug:[[@LINE+1]]:10: fix-it: replace `strenght` with `strength`
  jitter(strenght: 0.5)
  # CHECK-NEXT: unknown_argument.aug:[[@LINE+2]]:10: error[E0401]: `invert` has no parameter `amount`
  # CHECK-NEXT: note: `invert` takes no arguments
  invert(amount: 1)
  rotate(angle: 10deg)
  jitter(strength: 0.5)
  invert()
}
# CHECK-NOT: error
