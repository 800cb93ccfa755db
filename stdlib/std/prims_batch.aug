# std/prims_batch.aug — the batch-level primitives of the prelude (ops.md §3).
#
# These run on the collated batch (a `batch { … }` block, last in a policy): every image of the batch
# has the same shape (language.md §7 rule 11). They mix pairs of samples, so they soften `class(N)`
# labels into `soft(N)` and cannot carry boxes, masks or keypoints (rule 7). The mixing partner of
# sample i is sample B - 1 - i (the batch reversed, timm's convention); one lambda is drawn per batch
# (timm `mode='batch'`) from the batch-level counter-based stream (language.md §6).

op mixup(alpha: float in [0, 10] = 0.2)
  : batch -> batch
  effects { random: draws geometry: none  class: soften  boxes: unmixable  keypoints: unmixable  mask: unmixable }
  cost { per_pixel: 2 }
  doc "Mixup (timm `Mixup(mixup_alpha=alpha, cutmix_alpha=0, prob=1, mode='batch', label_smoothing=0)`): lambda ~ Beta(alpha, alpha) once per batch (alpha = 0 gives lambda = 1, i.e. no mixing, as timm); x_i = lambda * x_i + (1 - lambda) * x_(B-1-i); y_i = lambda * onehot(y_i) + (1 - lambda) * onehot(y_(B-1-i)) (soft labels mix the same way). `class(N)` becomes `soft(N)`."

op cutmix(alpha: float in [0, 10] = 1.0)
  : batch -> batch
  effects { random: draws geometry: none  class: soften  boxes: unmixable  keypoints: unmixable  mask: unmixable }
  cost { per_pixel: 1 }
  doc "CutMix (timm `Mixup(mixup_alpha=0, cutmix_alpha=alpha, prob=1, mode='batch', label_smoothing=0)`, `rand_bbox`): lambda ~ Beta(alpha, alpha) once per batch; r = sqrt(1 - lambda), cut_h = int(H * r), cut_w = int(W * r); centre cy = randint(0, H - 1), cx = randint(0, W - 1); y1 = clamp(cy - cut_h // 2, 0, H), y2 = clamp(cy + cut_h // 2, 0, H), x1, x2 likewise with W; rows [y1, y2) and columns [x1, x2) of x_i are replaced by those of x_(B-1-i); lambda is corrected to the true area, lambda' = 1 - (y2 - y1) * (x2 - x1) / (H * W); y_i = lambda' * onehot(y_i) + (1 - lambda') * onehot(y_(B-1-i)). `class(N)` becomes `soft(N)`."
