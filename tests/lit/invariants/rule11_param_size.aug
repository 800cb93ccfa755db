# RUN: %auger check %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 11: a size fixed by a policy parameter does not depend on the input, so a batch may follow it; the
# schema shows the dimensions as the parameter expressions they are bound from.

sample Photo {
  image: image(rgb)
  label: class(1000)
}

# CHECK: train: image: image(rgb, f32)[3,res,res], label: soft(1000)
policy train(res: int in {224, 288} = 224) on Photo {
  random_resized_crop(size: res)
  to_float()
  batch { mixup() }
}

# CHECK-NEXT: wide: image: image(rgb)[res + 8,(2 * res) + 8,3], label: soft(1000)
policy wide(res: int in 64..512 = 224) on Photo {
  resize(size: [res, 2 * res])
  pad(px: 4)
  batch { cutmix() }
}
