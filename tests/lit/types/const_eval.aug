# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Constant expressions are evaluated at compile time; one that cannot be is E0307.

# CHECK: const_eval.aug:[[@LINE+1]]:15: error[E0307]: cannot evaluate: division by zero
const ratio = 1 / 0
const fine = 1 / 4

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK-NEXT: const_eval.aug:[[@LINE+1]]:22: error[E0307]: cannot evaluate: division by zero
  brightness(factor: 2 / (1 - 1))
  brightness(factor: 2 / (1 + 1))
}
# CHECK-NOT: error
