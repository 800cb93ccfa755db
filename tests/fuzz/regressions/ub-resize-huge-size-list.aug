sample S {
  image: image(rgb)
}
policy p() on S {
  resize(size: [1e300, 99999999999999999999])
}
