# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# RUN: %auger check -I %S/Inputs/inc %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# RUN: %auger check --include %S/Inputs/inc %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# A file not next to the importing file is searched in the `-I`/`--include` folders, in order.
# OK-NOT: {{error|warning}}

# CHECK: include_path.aug:[[@LINE+2]]:8: error[E0204]: cannot find import `shared.aug`
# CHECK-NEXT: note: looked for {{.*}}shared.aug
import "shared.aug"

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # Names the failed import could have declared are still reported, with a hint.
  # CHECK-NEXT: include_path.aug:[[@LINE+2]]:3: error[E0202]: unknown op or transform `shared_flip`
  # CHECK-NEXT: note: `shared_flip` may be declared by an import that failed above
  shared_flip()
}
