# RUN: %auger check --format brief %s 2>&1 | count 0
# Rule 6, accepted forms: occluders on samples with keypoints only (covered keypoints get visibility 0), with
# masks, or on classification samples; and with `boxes: keep` on samples with boxes.

sample Pose {
  image: image(rgb)
  kp: keypoints(17, flip: [(1, 2)])
}

sample Seg {
  image: image(rgb)
  seg: mask(3)
}

sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
}

policy pose on Pose {
  cutout(size: 32, count: 3)
  random_erasing()
}

policy seg on Seg {
  cutout(size: 8)
  random_erasing(noise: true) @p(0.5)
}

policy det on Det {
  cutout(size: 8, boxes: keep)
  random_erasing(boxes: keep)
}
