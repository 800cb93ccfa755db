# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A parameter's domain must be well formed (E0305).

sample Photo {
  image: image(rgb)
}

# CHECK: invalid_domain.aug:[[@LINE+3]]:24: error[E0305]: invalid domain: the lower bound is above the upper bound
# CHECK-NEXT: invalid_domain.aug:[[@LINE+2]]:53: error[E0305]: invalid domain: `lo..hi` is a range of integers; write `[lo, hi]` for reals
# CHECK-NEXT: invalid_domain.aug:[[@LINE+1]]:80: error[E0305]: invalid domain: both bounds need the same unit
policy train(n: int in 5..1 = 3, strength: float in 0.5..2 = 1, turn: angle in [0deg, 1s] = 0deg) on Photo {
  brightness(factor: strength)
}

policy fixed(n: int in 1..5 = 3, strength: float in [0.5, 2] = 1, turn: angle in [0deg, 90deg] = 0deg) on Photo {
  brightness(factor: strength)
  rotate(angle: turn)
}
# CHECK-NOT: error
