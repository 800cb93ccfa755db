# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A policy whose name is already taken (E0203) or shadows a prelude op (E0206) is still checked, so the errors
# in its body are not hidden until the rename; its imports count as used.
import std.vision

sample Photo {
  image: image(rgb)
}

const train = 1

# CHECK: duplicate_policy_checked.aug:[[@LINE+2]]:8: error[E0203]: `train` is already declared
# CHECK-NEXT: duplicate_policy_checked.aug:10:7: note: the constant `train` is declared here
policy train on Photo {
  # CHECK-NEXT: duplicate_policy_checked.aug:[[@LINE+1]]:17: error[E0302]: `angle` is an angle and needs a unit
  rotate(angle: 30)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# CHECK: duplicate_policy_checked.aug:[[@LINE+2]]:8: error[E0206]: `hflip` shadows the prelude op of the same name
# CHECK: duplicate_policy_checked.aug:[[@LINE+2]]:3: error[E0202]: unknown op or transform `hflp`
policy hflip on Photo {
  hflp()
}
# CHECK-NOT: warning[W0801]
# CHECK-NOT: error
