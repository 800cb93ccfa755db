# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A `batch` block belongs to a policy, never to a transform (E0607).

sample Photo {
  image: image(rgb)
  label: class(10)
}

transform mix_all() {
  hflip()
  # CHECK: batch_in_transform.aug:[[@LINE+1]]:3: error[E0607]: a `batch` block may only appear in a policy
  batch { mixup() }
}

# The accepted form: the transform holds the batch-level ops; the policy's `batch` block calls it.
transform mix() {
  mixup()
}

policy train on Photo {
  random_resized_crop(size: 224)
  batch { mix() }
}
# CHECK-NOT: error
