# RUN: %auger explain %s --emit plan | FileCheck %s
# RUN: %auger explain %s --emit plan --set mode=fast --set strength=0 | FileCheck %s --check-prefix=FAST
# A plan with choices: each alternative of a one_of is planned on its own (a seq alternative as a region of its
# own); a match on a parameter is resolved by its value; @p ops join kernels with an enable flag; batch ops run
# after the image kernels.
sample Photo {
  image: image(rgb)
  label: class(10)
}

transform pick(mode: fast | slow = fast) {
  match mode {
    fast => hflip()
    slow => seq { rotate(angle: 5deg) brightness(factor: 1.1) }
  }
}

# CHECK: Plan for policy `train` on `Photo` (mode = slow, strength = 0.5): 6 kernels
policy train(mode: fast | slow = slow, strength: float in [0, 1] = 0.5) on Photo {
  random_resized_crop(size: 32)
  one_of {
    seq { rotate(angle: uniform(-5deg, 5deg)) brightness(factor: 1.2) equalize() } @w(2)
    sharpness(factor: 1 + strength)
    seq { }
  }
  blur: gaussian_blur(kernel: 3, sigma: 1) @p(strength)
  pick(mode: mode)
  to_float()
  batch { mixup(alpha: 0.2) }
}

# CHECK:      2. line 21: one_of: per sample 1 of 3 alternatives, each planned on its own:
# CHECK-NEXT:     - seq { … } @w(2):
# CHECK-NEXT:         - kernel k1 (sampling: warp, affine map), 2 ops
# CHECK-NEXT:             line 22: rotate(angle: uniform(-5deg, 5deg), …)
# CHECK-NEXT:             line 22: brightness(factor: 1.2)
# CHECK-NEXT:             rotate samples once (nearest); then brightness on each of its output pixels in the same pass; ends before `equalize` (line 22), which needs per-channel 256-bin histograms of its input: known only once this kernel has run (a statistics pre-pass reads its output)
# CHECK-NEXT:         - kernel k2 (pointwise, with input statistics)
# CHECK:          - sharpness(factor: 1.5) → kernel k3 (stencil)
# CHECK:          - seq { }: identity, nothing runs
# CHECK-NEXT: 3. kernel k4 (stencil)
# CHECK-NEXT:     line 26: blur: gaussian_blur(kernel: 3, sigma: 1)  @p(0.5): runs with a per-sample enable flag
# The match chose `slow`; the transform's statements keep the line of the user's call.
# CHECK:      4. kernel k5 (sampling: warp, affine map), 3 ops
# CHECK-NEXT:     line 27 (pick): rotate(angle: 5deg, …)
# CHECK-NEXT:     line 27 (pick): brightness(factor: 1.1)
# CHECK-NEXT:     line 28: to_float()
# CHECK:      5. line 29: batch { … }: runs on the collated batch, after the image kernels
# CHECK-NEXT:     - line 29: mixup(alpha: 0.2)
# CHECK-NEXT:         runs on the collated batch, outside the image kernels

# With strength 0 the blur never runs and is gone; `fast` picks the flip, and the store joins it.
# FAST:      Plan for policy `train` on `Photo` (mode = fast, strength = 0): 5 kernels
# FAST-NOT:  gaussian_blur
# FAST:      3. kernel k4 (sampling: remap, index map), 2 ops
# FAST-NEXT:     line 27 (pick): hflip()
# FAST-NEXT:     line 28: to_float()
# FAST-NEXT:     hflip: an exact index map, no interpolation; then to_float on each of its output pixels in the same pass, converting u8 HWC to f32 CHW as it stores; ends before the `batch` block (line 29)
