# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `@w` weighs the choices of a `one_of` and means nothing elsewhere (E0605).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: weight_outside_one_of.aug:[[@LINE+1]]:11: error[E0605]: `@w` only weighs the choices of a `one_of`
  hflip() @w(2)
  some_of(n: 1) {
    # CHECK-NEXT: weight_outside_one_of.aug:[[@LINE+1]]:13: error[E0605]: `@w` only weighs the choices of a `one_of`
    vflip() @w(2)
    invert()
  }
  one_of {
    hflip() @w(2)
    vflip()
  }
}
# CHECK-NOT: error
