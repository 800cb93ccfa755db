# imagenet.aug — ImageNet training and evaluation policies
#
# The example from language.md §1, with comments. It is the usual "strong
# baseline" recipe for a ResNet/ViT trained at 224×224:
#
#   train: Inception-style random-resized crop, horizontal flip, RandAugment,
#          float conversion and normalisation, then Random Erasing on the
#          normalised tensor (as timm does).
#   eval:  the standard resize-256 / centre-crop-224 protocol, fully deterministic.
#
# Try:   auger check examples/imagenet.aug
#        auger explain examples/imagenet.aug --policy train
#        auger apply examples/imagenet.aug --policy train --set magnitude=15 --out out/ cat.jpg
#        auger apply examples/imagenet.aug --policy train --disable erase --out out/ cat.jpg

import std.vision                      # rand_augment, trivial_augment, imagenet_mean, …

# One training example: a decoded RGB photo and its class id (0..999).
sample Photo {
  image: image(rgb)
  label: class(1000)
}

# `magnitude` and `erase_p` have domains, so they are the search space of
# `auger search` and can be overridden with `--set magnitude=12`.
policy train(magnitude: int in 0..30 = 9, erase_p: float in [0, 1] = 0.25) on Photo {
  # Crop 8%–100% of the area with an aspect ratio in [3/4, 4/3] and resize the
  # crop to 224×224: scale augmentation, and a static output shape.
  random_resized_crop(size: 224, scale: [0.08, 1.0], ratio: [3 / 4, 4 / 3])
  # ImageNet classes are left/right symmetric, so mirroring is label-safe.
  hflip() @p(0.5)
  # Two RandAugment ops per image at the given magnitude (torchvision's tables).
  rand_augment(n: 2, magnitude: magnitude)
  # u8 HWC → f32 CHW in [0, 1], then per-channel standardisation.
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
  # Random Erasing after normalisation (value 0 = the mean colour). Labelled so a
  # run can ablate it with `--disable erase` without changing any other draw.
  erase: random_erasing(scale: [0.02, 0.33]) @p(erase_p)
}

# Evaluation must be reproducible: `deterministic` makes the checker reject any
# random value, any @p below 1 and any one_of/some_of in this body. (A policy
# named eval*/val*/test* without `deterministic` is an error.)
policy eval on Photo deterministic {
  resize(shorter: 256)                 # the shorter side to 256, aspect kept
  center_crop(size: 224)               # the central 224×224
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
