# Used by ../errors.test: one error.
sample Photo {
  image: image(rgb)
}

policy train on Photo {
  hflp()
}
