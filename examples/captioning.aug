# captioning.aug — image captioning / image–text pretraining (COCO Captions, CC3M)
#
# Schema: an RGB image and one English caption that describes it.
#
# A caption can mention geometry and colour, which ordinary image augmentation
# would silently contradict:
#   - "a dog to the left of a tree" is wrong after a horizontal flip. The checker
#     makes every flip say what happens to the caption (language.md §7 rule 2):
#     `caption: swap_lr` rewrites left↔right words in step with the pixels;
#     `caption: keep` leaves the text as it is (for captions known to have no
#     left/right words).
#   - "a red car" is wrong after a hue shift, so this policy uses the shared
#     light_color transform, which has no hue component.
#   - A crop can cut out something the caption mentions; keep crops large
#     (scale ≥ 0.5, as BLIP does).

import std.vision                      # imagenet_mean, imagenet_std
import "lib/color.aug"                 # light_color (no hue shift)

sample Captioned {
  image: image(rgb)
  caption: text(en)
}

policy train(res: int in {224, 384} = 384) on Captioned {
  random_resized_crop(size: res, scale: [0.5, 1.0], ratio: [3 / 4, 4 / 3])
  # Mirror the image and swap "left"/"right" in the caption with it.
  flip: hflip(caption: swap_lr) @p(0.5)
  jitter: light_color(strength: 0.3) @p(0.8)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# Evaluation: a plain square resize (no crop, so nothing the caption mentions is
# cut away), no randomness.
policy eval(res: int in {224, 384} = 384) on Captioned deterministic {
  resize(size: [res, res])
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
