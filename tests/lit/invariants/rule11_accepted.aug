# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 11, accepted forms: a `batch` block after a static shape — `random_resized_crop(224)`, `center_crop`
# after a dynamic resize, `resize(size: [h, w])`, a `pad` or a shape-keeping warp after a static crop, every
# branch of a `one_of` static and equal.

sample Photo {
  image: image(rgb)
  label: class(1000)
}

# CHECK: rrc: image: image(rgb, f32)[3,224,224], label: soft(1000)
policy rrc on Photo {
  random_resized_crop(224)
  hflip() @p(0.5)
  to_float()
  batch { mixup() }
}

# CHECK: resize_then_crop: image: image(rgb)[224,224,3], label: soft(1000)
policy resize_then_crop on Photo {
  resize(shorter: 256)
  center_crop(224)
  batch { cutmix() }
}

# CHECK: exact: image: image(rgb)[240,320,3], label: soft(1000)
policy exact on Photo {
  resize(size: [240, 320])
  rotate(angle: 10deg)
  batch { mixup() }
}

# CHECK: padded: image: image(rgb)[40,40,3], label: soft(1000)
policy padded on Photo {
  random_crop(32)
  pad(px: 4)
  batch { mixup() }
}

# CHECK: branches: image: image(rgb)[128,128,3], label: soft(1000)
policy branches on Photo {
  one_of {
    random_resized_crop(128)
    seq { resize(shorter: 146) center_crop(128) }
  }
  batch { one_of { mixup() cutmix() } }
}
