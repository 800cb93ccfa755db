# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A `batch` block holds batch-level ops only; per-sample ops go before it (E0603).

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  random_resized_crop(size: 224)
  batch {
    # CHECK: sample_op_in_batch.aug:[[@LINE+1]]:5: error[E0603]: `hflip` works on single samples and cannot be inside a `batch` block
    hflip()
    one_of {
      mixup()
      # CHECK-NEXT: sample_op_in_batch.aug:[[@LINE+1]]:7: error[E0603]: `brightness` works on single samples and cannot be inside a `batch` block
      brightness(factor: 1.1)
    }
  }
}

policy fixed on Photo {
  random_resized_crop(size: 224)
  hflip()
  batch {
    one_of {
      mixup()
      cutmix()
    }
  }
}
# CHECK-NOT: error
