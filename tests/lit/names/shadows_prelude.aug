# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# The prelude ops are always in scope; a user declaration may not reuse their names (E0206).

# CHECK: shadows_prelude.aug:[[@LINE+2]]:11: error[E0206]: `hflip` shadows the prelude op of the same name
# CHECK-NEXT: <stdlib>/std/prims_image.aug:{{[0-9]+}}:4: note: the prelude op is declared here
transform hflip() {
  vflip()
}

# CHECK-NEXT: shadows_prelude.aug:[[@LINE+2]]:7: error[E0206]: `rotate` shadows the prelude op of the same name
# CHECK-NEXT: <stdlib>/std/prims_image.aug:{{[0-9]+}}:4: note: the prelude op is declared here
const rotate = 3

# Another name is fine.
transform my_flip() {
  hflip()
}
# CHECK-NOT: error
