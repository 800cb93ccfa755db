# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 7, accepted forms: classification samples (a `class` or `soft` label, no dense labels) with a final
# `batch` block after a static shape. `class(N)` becomes `soft(N)`, shown by `explain`; a `soft` label stays
# soft, and a policy without a batch block keeps `class(N)`.

sample Photo {
  image: image(rgb)
  label: class(1000)
}

sample Distilled {
  image: image(rgb)
  teacher: soft(100)
  caption: text(en)
}

# CHECK: train: image: image(rgb, f32)[3,224,224], label: soft(1000)
policy train on Photo {
  random_resized_crop(224)
  hflip() @p(0.5)
  to_float()
  normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
  batch { one_of { mixup(alpha: 0.2) cutmix(alpha: 1.0) } }
}

# CHECK: no_batch: image: image(rgb)[224,224,3], label: class(1000)
policy no_batch on Photo {
  random_resized_crop(224)
}

# CHECK: distilled: image: image(rgb)[32,32,3], teacher: soft(100), caption: text(en)
policy distilled on Distilled {
  random_crop(32, padding: 4)
  hflip(caption: swap_lr) @p(0.5)
  batch { cutmix() @p(0.5) }
}
