sample S {
  image: image(rgb)
  kps: keypoints(99999999999999999999, flip: [(99999999999999999999, 1)])
  m: mask(10, ignore: 99999999999999999999)
}
