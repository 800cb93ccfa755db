sample Photo { image: image(rgb) }
policy p on Photo { hflip() }
