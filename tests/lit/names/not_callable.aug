# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Only ops and transforms can be called as statements (E0211).

import std.vision

const strength = 1.5

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: not_callable.aug:[[@LINE+2]]:3: error[E0211]: `strength` is a constant, not an op or transform
  # CHECK-NEXT: not_callable.aug:[[@LINE-8]]:7: note: `strength` is declared here
  strength()
  # CHECK-NEXT: not_callable.aug:[[@LINE+2]]:3: error[E0211]: `imagenet_mean` is a constant, not an op or transform
  # CHECK-NEXT: <stdlib>/std/vision.aug:{{[0-9]+}}:7: note: `imagenet_mean` is declared here
  imagenet_mean()
  # CHECK-NEXT: not_callable.aug:[[@LINE+1]]:3: error[E0211]: `Photo` is a sample schema, not an op or transform
  Photo()
  brightness(factor: strength)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
# CHECK-NOT: error
