# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 4, accepted forms: crops with `min_visibility` on samples with boxes, and crops without it on samples
# without boxes (keypoints leaving the frame just get visibility 0; masks are cropped with the image).

sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
}

sample Photo {
  image: image(rgb)
  label: class(1000)
}

sample Pose {
  image: image(rgb)
  kp: keypoints(2, flip: [(0, 1)])
  seg: mask(2)
}

# CHECK: det: image: image(rgb)[512,512,3], boxes: boxes(xyxy), classes: class(80)[]
policy det on Det {
  random_resized_crop(640, scale: [0.5, 1.0], min_visibility: 0.3)
  random_crop(512, min_visibility: 0.5)
}

# CHECK: photo: image: image(rgb)[224,224,3], label: class(1000)
policy photo on Photo {
  random_resized_crop(256)
  center_crop(224)
}

# CHECK: pose: image: image(rgb)[128,96,3], kp: keypoints(2), seg: mask(2)[128,96]
policy pose on Pose {
  random_crop(size: [128, 96])
}
