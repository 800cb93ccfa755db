# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG103: random_erasing whose scale reaches above half the image, cutout whose squares may cover more than half
# of an image whose size an earlier statement fixes. A warning: the exit code stays 0.
sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  random_resized_crop(size: 224)
  # CHECK: aug103_erases_most.aug:[[@LINE+1]]:16: warning[AUG103]: `cutout` may cover up to 80% of the 224x224 image
  cutout(size: 200, boxes: keep) @p(0.5)
  # CHECK: aug103_erases_most.aug:[[@LINE+1]]:16: warning[AUG103]: `cutout` may cover up to 60% of the 224x224 image (3 squares
  cutout(size: 100, count: 3, boxes: keep) @p(0.5)
  cutout(size: 48, count: 3, boxes: keep) @p(0.5)
  to_float()
  # CHECK: aug103_erases_most.aug:[[@LINE+1]]:25: warning[AUG103]: `random_erasing(scale: [0.5, 0.9])` may erase up to 90% of the image
  random_erasing(scale: [0.5, 0.9]) @p(0.25)
  random_erasing(scale: [0.02, 0.33]) @p(0.25)
  random_erasing() @p(0.25)
  random_erasing(scale: [0.6, 1.0]) @p(0.25)  # auger: allow(AUG103)
}

policy unknown_size on Photo {
  # The image's size is not fixed before the cutout: nothing to judge.
  cutout(size: 200, boxes: keep) @p(0.5)
}
