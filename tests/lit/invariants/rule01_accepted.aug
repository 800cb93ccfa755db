# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 1, accepted forms: `on:` on a sample whose images have no tied field (two views of one class label
# may be augmented independently), and a geometric op without `on:`, which moves every image and every
# tied field together. A non-geometric op picks its image with `on:` whatever the sample holds.

sample Pair {
  left: image(rgb)
  right: image(rgb)
  label: class(10)
}

sample Stereo {
  left: image(rgb)
  right: image(rgb)
  seg: mask(21)
  boxes: boxes(xyxy)
  classes: class(80)[]
  kp: keypoints(4, flip: [(0, 1)])
}

# Only `left` is cropped to a static shape; `right` keeps its decoded size.
# CHECK: views: left: image(rgb)[224,224,3], right: image(rgb)[?,?,3], label: class(10)
policy views on Pair {
  hflip(on: left) @p(0.5)
  rotate(angle: uniform(-10deg, 10deg), on: right)
  random_resized_crop(224, on: left)
  vflip()
  brightness(factor: 1.2, on: left)
}

# CHECK: together: left: image(rgb)[200,200,3], right: image(rgb)[200,200,3], seg: mask(21)[200,200]
policy together on Stereo {
  hflip()
  rotate(angle: 10deg, boxes: enclose)
  random_resized_crop(200, min_visibility: 0.5)
  contrast(factor: 1.1, on: right)
}
