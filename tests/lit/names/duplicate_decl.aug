# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Every top-level name is declared once (E0203), whatever kind of declaration reuses it.

const size = 224
# CHECK: duplicate_decl.aug:[[@LINE+2]]:7: error[E0203]: `size` is already declared
# CHECK-NEXT: duplicate_decl.aug:[[@LINE-2]]:7: note: the constant `size` is declared here
const size = 256

sample Photo {
  image: image(rgb)
}
# CHECK-NEXT: duplicate_decl.aug:[[@LINE+2]]:8: error[E0203]: `Photo` is already declared
# CHECK-NEXT: duplicate_decl.aug:[[@LINE-4]]:8: note: the sample schema `Photo` is declared here
sample Photo {
  image: image(gray)
}

transform jitter() {
  brightness(factor: 1.1)
}
# CHECK-NEXT: duplicate_decl.aug:[[@LINE+2]]:11: error[E0203]: `jitter` is already declared
# CHECK-NEXT: duplicate_decl.aug:[[@LINE-4]]:11: note: the transform `jitter` is declared here
transform jitter() {
  contrast(factor: 1.1)
}

policy train on Photo {
  jitter()
}
# CHECK-NEXT: duplicate_decl.aug:[[@LINE+2]]:8: error[E0203]: `train` is already declared
# CHECK-NEXT: duplicate_decl.aug:[[@LINE-4]]:8: note: the policy `train` is declared here
policy train on Photo {
  hflip()
}
# CHECK-NOT: error
