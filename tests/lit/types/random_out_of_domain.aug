# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A random value's whole range must lie in the parameter's domain (E0304).

sample Photo {
  image: image(rgb)
}

policy train(spread: float in [0, 3] = 1) on Photo {
  # CHECK: random_out_of_domain.aug:[[@LINE+1]]:17: error[E0304]: random value of `angle` may draw [-200deg, 10deg), outside its domain [-180deg, 180deg]
  rotate(angle: uniform(-200deg, 10deg))
  # CHECK-NEXT: random_out_of_domain.aug:[[@LINE+1]]:17: error[E0304]: random value of `angle` may draw [-200deg, 200deg], outside its domain [-180deg, 180deg]
  rotate(angle: signed(200deg))
  # CHECK-NEXT: random_out_of_domain.aug:[[@LINE+1]]:19: error[E0304]: random value of `bits` may draw [0, 8], outside its domain 1..8
  posterize(bits: randint(0, 8))
  rotate(angle: uniform(-180deg, 180deg))
  rotate(angle: signed(30deg))
  posterize(bits: randint(1, 8))
}
# CHECK-NOT: error
