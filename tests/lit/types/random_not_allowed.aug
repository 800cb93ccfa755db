# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Random values are drawn per application; they are not allowed where a value is fixed once (E0308):
# constants, defaults, domains, `@p` and `@w`.

# CHECK: random_not_allowed.aug:[[@LINE+1]]:16: error[E0308]: a random value is not allowed in a constant
const jitter = uniform(0.9, 1.1)

sample Photo {
  image: image(rgb)
}

# CHECK-NEXT: random_not_allowed.aug:[[@LINE+2]]:24: error[E0308]: a random value is not allowed in a default value
# CHECK-NEXT: random_not_allowed.aug:[[@LINE+1]]:55: error[E0308]: a random value is not allowed in a domain
transform t(x: float = uniform(0, 1), y: float in [0, uniform(1, 2)] = 0) {
  brightness(factor: x + y)
}

policy train on Photo {
  # CHECK-NEXT: random_not_allowed.aug:[[@LINE+1]]:14: error[E0308]: a random value is not allowed in a probability `@p`
  hflip() @p(uniform(0, 1))
  one_of {
    # CHECK-NEXT: random_not_allowed.aug:[[@LINE+1]]:16: error[E0308]: a random value is not allowed in a weight `@w`
    hflip() @w(randint(1, 3))
    vflip()
  }
  # The accepted form: random values in arguments.
  brightness(factor: uniform(0.9, 1.1))
  hflip() @p(0.5)
}
# CHECK-NOT: error
