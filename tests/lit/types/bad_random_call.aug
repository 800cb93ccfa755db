# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# The random values (`uniform`, `randint`, `normal`, `log_uniform`, `choice`, `signed`) and the functions
# (`min`, `max`, `round`, `floor`, `ceil`, `int`) have fixed arities and argument kinds (E0312).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: bad_random_call.aug:[[@LINE+1]]:22: error[E0312]: `randint` takes 2 arguments
  brightness(factor: randint(1))
  # CHECK-NEXT: bad_random_call.aug:[[@LINE+1]]:22: error[E0312]: `gaussian` is not a function usable in a value (random values: uniform, randint, normal, log_uniform, choice, signed; functions: min, max, round, floor, ceil, int)
  brightness(factor: gaussian(1, 2))
  # CHECK-NEXT: bad_random_call.aug:[[@LINE+1]]:33: error[E0312]: `uniform` draws numbers, found a string `"a"`
  brightness(factor: uniform(1, "a"))
  # CHECK-NEXT: bad_random_call.aug:[[@LINE+1]]:30: error[E0312]: `uniform` takes positional arguments only
  brightness(factor: uniform(a: 1, b: 2))
  # CHECK-NEXT: bad_random_call.aug:[[@LINE+1]]:22: error[E0312]: `choice` needs at least one value
  brightness(factor: choice())
  # CHECK-NEXT: bad_random_call.aug:[[@LINE+1]]:17: error[E0312]: both bounds of `uniform` need the same unit
  rotate(angle: uniform(-10deg, 10))
  brightness(factor: randint(1, 2))
  # `normal` is unbounded: clamp it into the domain.
  brightness(factor: min(10, max(0, normal(1, 0.1))))
  brightness(factor: uniform(0.5, 1.5))
  brightness(factor: choice(0.5, 1, 1.5))
  brightness(factor: min(2, log_uniform(0.5, 4)))
  rotate(angle: signed(10deg))
}
# CHECK-NOT: error
