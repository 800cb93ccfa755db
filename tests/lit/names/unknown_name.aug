# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A name in a value must be a parameter, a constant or an enum value (E0201); the closest one is offered.

const scale = 2

# CHECK: unknown_name.aug:[[@LINE+2]]:15: error[E0201]: unknown name `scal`
# CHECK-NEXT: unknown_name.aug:[[@LINE+1]]:15: fix-it: replace `scal` with `scale`
const twice = scal * 2
const fixed = scale * 2

sample Photo {
  image: image(rgb)
}

policy train(strength: float in [0, 2] = 1) on Photo {
  # CHECK-NEXT: unknown_name.aug:[[@LINE+2]]:22: error[E0201]: unknown name `strenght`
  # CHECK-NEXT: unknown_name.aug:[[@LINE+1]]:22: fix-it: replace `strenght` with `strength`
  brightness(factor: strenght)
  brightness(factor: strength)
}
# CHECK-NOT: error
