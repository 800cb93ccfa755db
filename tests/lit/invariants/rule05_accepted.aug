# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 5, accepted forms: `elastic` on a sample with a mask (warped with nearest sampling) and on an image
# alone; its shape stays static.

sample Seg {
  image: image(rgb)
  seg: mask(21)
}

sample Photo {
  image: image(gray)
  label: class(10)
}

# CHECK: seg: image: image(rgb)[256,256,3], seg: mask(21)[256,256]
policy seg on Seg {
  random_resized_crop(256)
  elastic(alpha: 34, sigma: 4) @p(0.5)
}

# CHECK: digits: image: image(gray)[28,28,1], label: soft(10)
policy digits on Photo {
  resize(size: [28, 28])
  elastic(alpha: uniform(30, 40), sigma: 5)
  batch { mixup() }
}
