# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG202: the same involution or idempotent op (or normalize) twice in a row on the same fields; not across a
# statement in between, not inside one_of.
import std.vision

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  hflip() @p(0.5)
  # CHECK: aug202_repeated.aug:[[@LINE+2]]:3: warning[AUG202]: `hflip` right after `hflip`: a second flip undoes the first
  # CHECK-NEXT: aug202_repeated.aug:[[@LINE-2]]:3: note: the first one is here
  hflip() @p(0.5)
  vflip() @p(0.5)
  rotate(angle: uniform(-10deg, 10deg)) @p(0.5)
  vflip() @p(0.5)
  one_of {
    equalize()
    equalize()
  }
  equalize() @p(0.5)
  # CHECK: aug202_repeated.aug:[[@LINE+1]]:3: warning[AUG202]: `equalize` right after `equalize`
  equalize() @p(0.5)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
  # CHECK: aug202_repeated.aug:[[@LINE+2]]:3: warning[AUG202]: `normalize` right after `normalize`
  # CHECK-NEXT: note: the first one is here
  normalize(mean: imagenet_mean, std: imagenet_std)
  normalize(mean: imagenet_mean, std: imagenet_std)  # auger: allow(AUG202)
}
