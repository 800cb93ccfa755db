# colorjitter.aug — the image-kernels benchmark's second pipeline.
#
# torchvision equivalent (bench/baselines.py, pipeline "colorjitter"):
#   RandomResizedCrop(224) → RandomHorizontalFlip() → ColorJitter(.4, .4, .4, .1) → ToTensor() → Normalize(mean, std)
# Albumentations equivalent:
#   A.RandomResizedCrop(size=(224, 224)) → A.HorizontalFlip() → A.ColorJitter(.4, .4, .4, .1, p=1) → A.Normalize() → ToTensorV2()
#
# Run:   auger bench bench/policies/colorjitter.aug --policy train --input bench/.corpus --workers 1 --json

import std.vision                      # color_jitter, imagenet_mean, imagenet_std

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  random_resized_crop(size: 224)       # scale [0.08, 1], ratio [3/4, 4/3], bilinear + antialias (the defaults)
  hflip() @p(0.5)
  color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)   # random order, as torchvision
  to_float()                           # u8 HWC → f32 CHW in [0, 1]
  normalize(mean: imagenet_mean, std: imagenet_std)
}
