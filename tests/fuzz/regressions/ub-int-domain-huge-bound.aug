sample S {
  image: image(rgb)
}
policy p(n: int in 0..99999999999999999999 = -5) on S {
  pad(px: n)
}
