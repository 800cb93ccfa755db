# RUN: %auger check --format brief %s 2>&1 | count 0
# Rule 2, accepted forms: keypoints with `flip` pairs, or `flip: []` (none swap); captions with
# `caption: swap_lr` / `caption: keep` (hflip) and `caption: swap_tb` / `caption: keep` (vflip).

sample Pose {
  image: image(rgb)
  kp: keypoints(17, flip: [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)])
}

sample Marks {
  image: image(rgb)
  corners: keypoints(4, flip: [])
}

sample Both {
  image: image(rgb)
  kp: keypoints(2, flip: [(0, 1)])
  caption: text(en)
}

policy pose on Pose {
  hflip() @p(0.5)
  vflip() @p(0.5)
}

policy marks on Marks {
  hflip()
  vflip()
}

policy both on Both {
  hflip(caption: swap_lr) @p(0.5)
  hflip(caption: keep)
  vflip(caption: swap_tb)
  vflip(caption: keep)
  one_of {
    hflip(caption: swap_lr)
    vflip(caption: swap_tb)
  }
}
