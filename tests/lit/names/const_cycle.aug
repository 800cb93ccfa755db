# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Constants are evaluated at compile time and may not depend on themselves (E0214).

# One error per cycle, at the reference that closes it.
# CHECK: const_cycle.aug:[[@LINE+3]]:11: error[E0214]: constant `a` depends on itself
# CHECK-NEXT: const_cycle.aug:[[@LINE+1]]:7: note: the constant is declared here
const a = b + 1
const b = a * 2

# CHECK-NEXT: const_cycle.aug:[[@LINE+1]]:15: error[E0214]: constant `self` depends on itself
const self = [self]

# Constants may refer to constants declared later, without a cycle.
const c = d + 1
const d = 2
# CHECK-NOT: error
