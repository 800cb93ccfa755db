# pose.aug — COCO person keypoints (multi-person, bottom-up training)
#
# Schema: an RGB image, one box per person and 17 keypoints per person in COCO's
# order:
#    0 nose
#    1 left_eye        2 right_eye
#    3 left_ear        4 right_ear
#    5 left_shoulder   6 right_shoulder
#    7 left_elbow      8 right_elbow
#    9 left_wrist     10 right_wrist
#   11 left_hip       12 right_hip
#   13 left_knee      14 right_knee
#   15 left_ankle     16 right_ankle
#
# The `flip` pairs list which keypoints trade places on a horizontal flip: after
# mirroring, the point that was the left eye is on the right side of the person,
# so it must be relabelled "right eye". Without the pairs the checker rejects
# `hflip` (language.md §7 rule 2) because the model would learn swapped labels.
#
# Keypoints that leave the frame (crop, rotation) or get covered (cutout) are
# kept with visibility 0 rather than removed, so every person still has 17.

import std.vision                      # imagenet_mean, imagenet_std
import "lib/color.aug"                 # light_color

sample People {
  image: image(rgb)
  boxes: boxes(xyxy)                   # one box per person
  keypoints: keypoints(17, flip: [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14),
                                  (15, 16)])
}

policy train(max_angle: angle in [0deg, 45deg] = 30deg) on People {
  # Scale and crop to the 512×512 training input. A person box with less than
  # 30% of its area left in the crop is dropped; keypoints outside the crop get
  # visibility 0.
  random_resized_crop(size: 512, scale: [0.4, 1.0], ratio: [3 / 4, 4 / 3], min_visibility: 0.3)
  # Mirror: the image, the boxes, and the keypoints (x mirrored AND left/right
  # indices swapped by the schema's flip pairs).
  hflip() @p(0.5)
  # Rotation and scale about the centre, the classic HRNet augmentation. The
  # keypoints are mapped exactly; the boxes become the enclosing box of their
  # rotated corners, acknowledged with `boxes: enclose`.
  pose_affine: affine(angle: uniform(-max_angle, max_angle), scale: uniform(0.75, 1.25),
                      translate: [randint(-32, 32), randint(-32, 32)], boxes: enclose) @p(0.8)
  light_color(strength: 0.3) @p(0.5)
  # Occlusion robustness: covered keypoints get visibility 0. Boxes stay even if
  # a hole covers one (`boxes: keep`).
  occlude: cutout(size: 64, count: 2, boxes: keep) @p(0.3)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# Evaluation: a fixed resize, nothing random. Keypoints are scaled with the image.
policy eval on People deterministic {
  resize(size: [512, 512])
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
