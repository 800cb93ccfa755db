# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# RUN: not %auger check --format brief %S/Inputs/self_import.aug 2>&1 | FileCheck %s --check-prefix=SELF
# Imports may not form a cycle (E0205): here cycle.aug → Inputs/cycle_b.aug → cycle.aug. The error is at
# the import that closes the cycle (line 2 of Inputs/cycle_b.aug).

# CHECK: Inputs/cycle_b.aug:2:8: error[E0205]: import cycle: cycle.aug → cycle_b.aug → cycle.aug
# CHECK-NOT: error
import "Inputs/cycle_b.aug"

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  from_b()
}

# SELF: self_import.aug:1:8: error[E0205]: import cycle: self_import.aug → self_import.aug
