# lib/color.aug — shared photometric transforms for the examples in this folder.
#
# Imported with a path relative to the importing file:
#
#     import "lib/color.aug"
#
# A `transform` is sample-generic: it names no schema, and every op inside it finds
# its target (the sample's one image) when the transform is used in a policy.
# Only prelude ops are used here, so this file needs no `import std.vision`.

# light_color — a mild, label-safe colour jitter.
#
# Brightness, contrast and saturation are each scaled by a factor drawn from
# [1 - strength, 1 + strength], and the three are applied in a random order
# (as torchvision's ColorJitter does). There is deliberately NO hue shift: a hue
# change can turn "a red car" into a green one, which silently contradicts a
# caption or an attribute label. Use std.vision's color_jitter(hue: …) where the
# labels say nothing about colour.
#
# `strength` has a domain, so the checker can prove every drawn factor stays in
# the ops' own domain ([0, 10]) whatever value a policy passes.
transform light_color(strength: float in [0, 0.9] = 0.3) {
  some_of(n: 3) {                # all three, in a random order
    brightness(factor: uniform(1 - strength, 1 + strength))
    contrast(factor: uniform(1 - strength, 1 + strength))
    saturation(factor: uniform(1 - strength, 1 + strength))
  }
}

# soft_blur — an occasional slight defocus, for models that see phone photos.
transform soft_blur(p: float in [0, 1] = 0.2) {
  gaussian_blur(kernel: 5, sigma: uniform(0.1, 1.5)) @p(p)
}
