sample Photo {
  image: image(rgb)
}

const random = 0.5

policy shadowed on Photo {
  to_float()
  random_erasing(value: random)
}
