sample S {
  image: image(rgb)
}
policy p on S {
  resize(size: 224)
  pad(px: 1e300)
  pad(px: 1e300)
  pad(px: [1e300, 1e300, 1e300, 1e300])
}
