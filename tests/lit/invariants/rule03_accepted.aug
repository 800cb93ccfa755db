# RUN: %auger check --format brief %s 2>&1 | count 0
# Rule 3, accepted forms: warps with `boxes: enclose`, and warps on samples without boxes (keypoints and
# masks are mapped exactly, so nothing is reported for them).

sample Det {
  image: image(rgb)
  boxes: boxes(cxcywh, normalized)
  classes: class(80)[]
}

sample Pose {
  image: image(rgb)
  kp: keypoints(2, flip: [(0, 1)])
  seg: mask(3)
}

policy det on Det {
  rotate(angle: 10deg, boxes: enclose) @p(0.3)
  some_of(n: 2) {
    shear_x(amount: uniform(-0.1, 0.1), boxes: enclose)
    shear_y(amount: uniform(-0.1, 0.1), boxes: enclose)
    affine(scale: uniform(0.9, 1.1), boxes: enclose)
    perspective(boxes: enclose)
  }
}

policy pose on Pose {
  rotate(angle: 10deg)
  shear_x(amount: 0.1)
  affine(angle: 3deg)
  perspective()
}
