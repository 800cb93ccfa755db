# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Primitive ops are declared only in the stdlib, next to their C++ implementation (E0209).

# CHECK: op_outside_stdlib.aug:[[@LINE+2]]:4: error[E0209]: primitive op `my_blur` may only be declared in the stdlib
# CHECK-NEXT: note: write a `transform` to combine ops; new primitives need a C++ implementation in the stdlib
op my_blur(radius: int in 1..10) : image -> image

# The accepted form: a transform built from primitives.
transform my_blur2(kernel: int in {3, 5} = 3) {
  gaussian_blur(kernel: kernel, sigma: 1.0)
}
# CHECK-NOT: error
