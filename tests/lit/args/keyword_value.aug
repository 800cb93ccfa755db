# RUN: %auger explain %s --policy spec --emit ir | FileCheck %s --check-prefix=SPEC
# RUN: %auger explain %S/Inputs/random_const.aug --emit ir | FileCheck %s --check-prefix=SHADOW
# ops.md §2 gives random_erasing `value: number | random`: `value: random` is torchvision's value='random', the
# op's `noise: true` (compiler/sema/keyword_arguments.cpp). Where `random` names a constant, it is that constant.

sample Photo {
  image: image(rgb)
}

policy spec on Photo {
  to_float()
  random_erasing(scale: [0.02, 0.33], value: random)
}
# SPEC: random_erasing(scale: [0.02, 0.33], ratio = [0.3, 3.3], value = 0, noise: true)

# Inputs/random_const.aug declares `const random = 0.5`:
# SHADOW: random_erasing(scale = [0.02, 0.33], ratio = [0.3, 3.3], value: 0.5, noise = false)
