sample S {
  image: image(rgb)
  label: class(99999999999999999999)
}
