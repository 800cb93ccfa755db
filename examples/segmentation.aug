# segmentation.aug — semantic segmentation on PASCAL VOC 2012 (21 classes)
#
# Schema: an RGB image and a per-pixel class mask of the same size (0 =
# background, 1..20 = objects; 255 marks "ignore" pixels such as object borders).
# For ADE20K, use `mask(150)` instead (and reduce its labels to 0..149, with
# "other" as 255).
#
# Every geometric op moves the mask with the image, with nearest-neighbour
# sampling so that class ids are never blended; pixels a warp uncovers get the
# ignore index (255), so they add nothing to the loss.
#
# Unlike boxes and keypoints, a mask can follow a non-invertible warp: the
# elastic deformation below is allowed here, and would be an error on a sample
# with boxes or keypoints (language.md §7 rule 5).

import std.vision                      # imagenet_mean, imagenet_std
import "lib/color.aug"                 # light_color, soft_blur

sample VocScene {
  image: image(rgb)
  mask: mask(21, ignore: 255)          # 255 = "ignore" (VOC's void label)
}

# The training crop; random_crop always fits because the resize below makes the
# shorter side at least this long.
const crop_size = 512

policy train on VocScene {
  # Random scale in [1, 2] × the crop size on the shorter side (the "0.5–2.0 ratio
  # range" of DeepLab/MMSeg pipelines, relative to a 512 base).
  rescale: resize(shorter: randint(crop_size, 2 * crop_size))
  random_crop(size: crop_size)
  hflip() @p(0.5)
  # A slight rotation; the mask is rotated with nearest sampling, its uncovered
  # corners become "ignore".
  rotate(angle: uniform(-10deg, 10deg)) @p(0.2)
  # Elastic deformation (torchvision's ElasticTransform defaults). Rare, and mild.
  elastic(alpha: 50, sigma: 5) @p(0.1)
  light_color(strength: 0.25) @p(0.8)
  soft_blur(p: 0.1)
  to_float()                           # the image only; the mask stays class ids
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# Evaluation: one fixed resize, no randomness (sliding-window inference can then
# run on the result).
policy eval on VocScene deterministic {
  resize(shorter: crop_size)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
