# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `@w(x)` weighs a choice of a `one_of`; x must be positive (E0314).

sample Photo {
  image: image(rgb)
}

policy train(w: float in [0, 2] = 1) on Photo {
  one_of {
    # CHECK: bad_weight.aug:[[@LINE+1]]:16: error[E0314]: weight 0 must be positive
    hflip() @w(0)
    # CHECK-NEXT: bad_weight.aug:[[@LINE+1]]:16: error[E0314]: weight -2 must be positive
    vflip() @w(-2)
    # A parameter that can only be negative or zero.
    # CHECK-NEXT: bad_weight.aug:[[@LINE+1]]:17: error[E0314]: weight [-2, 0] must be positive
    invert() @w(-w)
  }
}

# A search parameter may switch a choice off at an end of its domain (timm's switch_prob in [0, 1]).
policy search(switch_prob: float in [0, 1] = 0.5) on Photo {
  one_of {
    hflip() @w(1 - switch_prob)
    vflip() @w(switch_prob)
  }
}

policy fixed(w: float in [0.5, 2] = 1) on Photo {
  one_of {
    hflip() @w(3)
    vflip() @w(0.5)
    invert() @w(w)
    equalize()
  }
}
# CHECK-NOT: error
