# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Literals and defaults are checked against the parameter's domain at compile time (E0303).

sample Photo {
  image: image(rgb)
}

# CHECK: out_of_domain.aug:[[@LINE+2]]:40: error[E0303]: value 40 of `magnitude` is outside its domain 0..30
# CHECK-NEXT: out_of_domain.aug:[[@LINE+1]]:65: error[E0303]: value 1.5 of `p` is outside its domain [0, 1]
policy train(magnitude: int in 0..30 = 40, p: float in [0, 1] = 1.5) on Photo {
  # CHECK-NEXT: out_of_domain.aug:[[@LINE+1]]:17: error[E0303]: value 200deg of `angle` is outside its domain [-180deg, 180deg]
  rotate(angle: 200deg)
  # CHECK-NEXT: out_of_domain.aug:[[@LINE+1]]:23: error[E0303]: value 2 of `channels` is outside its domain {1, 3}
  grayscale(channels: 2)
  # CHECK-NEXT: out_of_domain.aug:[[@LINE+1]]:19: error[E0303]: value 0 of `bits` is outside its domain 1..8
  posterize(bits: 0)
  # CHECK-NEXT: out_of_domain.aug:[[@LINE+1]]:36: error[E0303]: value 500deg of `angle` is outside its domain [-180deg, 180deg]
  rotate(angle: choice(1deg, 2deg, 500deg))
}

policy fixed(magnitude: int in 0..30 = 30, p: float in [0, 1] = 1) on Photo {
  rotate(angle: 180deg)
  rotate(angle: -180deg)
  grayscale(channels: 3)
  posterize(bits: 8)
  rotate(angle: choice(1deg, 2deg, 50deg))
}
# CHECK-NOT: error
