# mixup_cutmix.aug — ImageNet classification with batch-level Mixup / CutMix
#
# The DeiT/timm recipe: per-sample augmentation, then, on each collated batch,
# either Mixup (blend two images and their labels) or CutMix (paste a patch of
# one image into another and mix the labels by area), chosen with equal weight.
#
# What the checker proves here (language.md §7 rules 7 and 11):
#   - mixup/cutmix need a `class` (or `soft`) label, and turn `class(1000)` into
#     `soft(1000)`: the output label is a probability vector — train with a soft
#     target loss. `auger explain … --emit schema` shows
#     `image: image(rgb, f32)[3,224,224], label: soft(1000)`;
#   - a `batch` block is the policy's last statement and appears once;
#   - batching needs a static shape: every sample must leave the per-sample part
#     at the same size. random_resized_crop(size: 224) guarantees 224×224, and
#     nothing after it changes the size.
# Mixing whole images would misplace boxes, masks or keypoints, so these ops are
# errors on such samples.

import std.vision                      # trivial_augment, imagenet_mean, imagenet_std

sample Photo {
  image: image(rgb)
  label: class(1000)
}

policy train(mix_alpha: float in [0.1, 1] = 0.2, cut_alpha: float in [0.1, 2] = 1.0) on Photo {
  random_resized_crop(size: 224)       # static 224×224 from here on
  hflip() @p(0.5)
  trivial_augment()
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
  erase: random_erasing() @p(0.25)
  # Batch level, last: one of the two mixing ops for each batch.
  batch {
    one_of {
      mixup(alpha: mix_alpha)
      cutmix(alpha: cut_alpha)
    }
  }
}

# Evaluation keeps hard labels: no batch block, nothing random.
policy eval on Photo deterministic {
  resize(shorter: 256)
  center_crop(size: 224)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
