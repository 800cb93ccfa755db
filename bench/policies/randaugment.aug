# randaugment.aug — the image-kernels benchmark's first pipeline.
#
# torchvision equivalent (bench/baselines.py, pipeline "randaugment"):
#   RandomResizedCrop(224) → RandomHorizontalFlip() → RandAugment(2, 9) → ToTensor() → Normalize(mean, std)
#
# Run:   auger bench bench/policies/randaugment.aug --policy train --input bench/.corpus --workers 1 --json

import std.vision                      # rand_augment, imagenet_mean, imagenet_std

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  random_resized_crop(size: 224)       # scale [0.08, 1], ratio [3/4, 4/3], bilinear + antialias (the defaults)
  hflip() @p(0.5)
  rand_augment(n: 2, magnitude: 9)     # torchvision 0.14's tables, 31 bins, nearest, fill 0
  to_float()                           # u8 HWC → f32 CHW in [0, 1]
  normalize(mean: imagenet_mean, std: imagenet_std)
}
