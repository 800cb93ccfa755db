# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Batch-level ops (`mixup`, `cutmix`) run on the collated batch, inside `batch { … }` (E0602), also when
# called through a transform: the error is at the op, with a note at the policy's call.

sample Photo {
  image: image(rgb)
  label: class(10)
}

transform mix() {
  # CHECK: batch_op_outside_batch.aug:[[@LINE+2]]:3: error[E0602]: `mixup` works on whole batches and must be inside a `batch` block
  # CHECK-NEXT: batch_op_outside_batch.aug:[[@LINE+12]]:3: note: in `mix`, called here
  mixup(alpha: 0.2)
}

policy train on Photo {
  random_resized_crop(size: 224)
  # CHECK-NEXT: batch_op_outside_batch.aug:[[@LINE+1]]:3: error[E0602]: `mixup` works on whole batches and must be inside a `batch` block
  mixup(alpha: 0.2)
}

policy through_transform on Photo {
  random_resized_crop(size: 224)
  mix()
}

policy fixed on Photo {
  random_resized_crop(size: 224)
  batch { mixup(alpha: 0.2) }
}

policy fixed_through_transform on Photo {
  random_resized_crop(size: 224)
  batch { mix() }
}
# CHECK-NOT: error
