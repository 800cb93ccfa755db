# Used by ../errors.test: one warning (W0801), no error.
import std.audio

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  hflip()
}
