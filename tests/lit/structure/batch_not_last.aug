# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A `batch` block is the last statement of a policy and appears once (E0601).

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  random_resized_crop(size: 224)
  # CHECK: batch_not_last.aug:[[@LINE+2]]:3: error[E0601]: a `batch` block must be the last statement of a policy, and appear once
  # CHECK-NEXT: batch_not_last.aug:[[@LINE+2]]:3: note: the policy's last statement is here
  batch { mixup() }
  hflip()
}

policy twice on Photo {
  random_resized_crop(size: 224)
  # CHECK-NEXT: batch_not_last.aug:[[@LINE+2]]:3: error[E0601]: a `batch` block must be the last statement of a policy, and appear once
  # CHECK-NEXT: batch_not_last.aug:[[@LINE+2]]:3: note: the policy's last statement is here
  batch { mixup() }
  batch { cutmix() }
}

policy fixed on Photo {
  random_resized_crop(size: 224)
  hflip()
  batch { mixup() }
}
# CHECK-NOT: error
