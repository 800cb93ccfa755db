sample Scan {
  image: image(gray)
}

policy train on Scan {
  hflip() @p(0.5)
  to_float()
  normalize(mean: [0.5], std: [0.25])
}
