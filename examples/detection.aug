# detection.aug — COCO-style object detection (80 classes, one box per object)
#
# Schema: an RGB image, its boxes in absolute pixel xyxy, and one class id per
# box. `classes` is a `[]` field of the same length as `boxes`, so the two stay
# aligned: whenever an op drops a box (clipped to nothing by a crop or a rotation,
# or below `min_visibility`), the class of that box is dropped with it.
#
# The checker enforces the label invariants of language.md §7 here:
#   - every geometric op moves the boxes with the image (rule 1);
#   - every crop must say how much of a box must stay visible (rule 4);
#   - rotations turn boxes into the enclosing box of their rotated corners, which
#     loosens them; that is a warning unless acknowledged with `boxes: enclose`
#     (rule 3);
#   - occluding ops may hide a box entirely; a warning unless `boxes: keep` (rule 6).
#
# Try:   auger preview examples/detection.aug --policy train --input coco/val2017.json -o grid.png

import std.vision                      # color_jitter, rand_augment, imagenet_mean, imagenet_std

sample CocoImage {
  image: image(rgb)
  boxes: boxes(xyxy)                   # [x1, y1, x2, y2] in pixels, x right, y down
  classes: class(80)[]                 # one class id per box
}

# Mean ImageNet colour in u8, used to fill the pixels a rotation uncovers (a grey
# border looks like the data; black corners are an easy shortcut for the model).
const mean_rgb_u8 = [124, 116, 104]

policy train(min_vis: float in [0, 1] = 0.3) on CocoImage {
  # Scale augmentation: crop 25%–100% of the image and resize it to 640×640.
  # A box keeps only its visible part; a box with less than `min_vis` of its
  # area inside the crop is dropped (with its class).
  scale_crop: random_resized_crop(size: 640, scale: [0.25, 1.0], ratio: [3 / 4, 4 / 3],
                                  min_visibility: min_vis)
  # COCO's categories are mirror-symmetric; boxes are mirrored exactly.
  hflip() @p(0.5)
  # A small tilt. Rotated boxes are replaced by the axis-aligned box around their
  # four rotated corners; `boxes: enclose` says we accept that (no warning).
  tilt: rotate(angle: uniform(-10deg, 10deg), fill: mean_rgb_u8, boxes: enclose) @p(0.3)
  # Photometric changes never touch the labels.
  color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.05) @p(0.8)
  # Simulated occlusion: a few grey squares. Boxes are kept even when a square
  # covers one completely — `boxes: keep` acknowledges that on purpose.
  occlude: cutout(size: 48, count: 3, fill: mean_rgb_u8, boxes: keep) @p(0.2)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# A RandAugment variant. The rotations and shears inside rand_augment would
# loosen the boxes like `tilt` above; passing `boxes: enclose` to the transform
# acknowledges that for every op inside it (docs/language.md §11.8). Without it
# the checker warns at this call.
policy train_randaug(magnitude: int in 0..30 = 7) on CocoImage {
  random_resized_crop(size: 640, scale: [0.25, 1.0], ratio: [3 / 4, 4 / 3], min_visibility: 0.3)
  hflip() @p(0.5)
  rand_augment(n: 2, magnitude: magnitude, boxes: enclose)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# Evaluation at the training resolution, no randomness. Boxes are scaled with
# the image (x by 640 / W, y by 640 / H); scale predictions back by the inverse
# to score them against the original annotations.
policy eval on CocoImage deterministic {
  resize(size: [640, 640])
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
