# Used by ../errors.test.
sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  random_resized_crop(size: 224)
  hflip() @p(0.5)
  to_float()
}

policy eval on Photo deterministic {
  resize(shorter: 256)
  center_crop(size: 224)
  to_float()
}
