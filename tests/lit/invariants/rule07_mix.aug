# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 7: `mixup`/`cutmix` need a `class` or `soft` label (E0708, note at the sample) and cannot carry boxes,
# masks or keypoints (E0709: one error per op, the message naming the first such field and a note at each).
# The error is at the op inside the `batch` block.
#
#
#
#
sample Unlabeled {
  image: image(rgb)
}

sample Tagged {
  image: image(rgb)
  labels: multilabel(20)
}

sample Dense {
  image: image(rgb)
  boxes: boxes(xyxy)
  kp: keypoints(2, flip: [(0, 1)])
  seg: mask(5)
  label: class(5)
}

policy unlabeled on Unlabeled {
  resize(size: [64, 64])
  # CHECK: rule07_mix.aug:[[@LINE+14]]:11: error[E0708]: `mixup` mixes labels but sample `Unlabeled` has no `class` or `soft` field
  # CHECK-NEXT: rule07_mix.aug:10:8: note: the sample is declared here
  # TEXT: {{^}}error[E0708]: `mixup` mixes labels but sample `Unlabeled` has no `class` or `soft` field{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule07_mix.aug:[[@LINE+11]]:11{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   batch { mixup(alpha: 0.4) }{{$}}
  # TEXT-NEXT: {{^}}   |           ^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the sample is declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule07_mix.aug:10:8{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}10 | sample Unlabeled {{[{]$}}
  # TEXT-NEXT: {{^}}   |        ^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  batch { mixup(alpha: 0.4) }
}

policy tagged on Tagged {
  resize(size: [64, 64])
  # A multi-label set is not a `class` or `soft` label.
  # CHECK: rule07_mix.aug:[[@LINE+2]]:11: error[E0708]: `cutmix` mixes labels but sample `Tagged` has no `class` or `soft` field
  # CHECK-NEXT: rule07_mix.aug:14:8: note: the sample is declared here
  batch { cutmix() }
}

policy dense on Dense {
  random_resized_crop(128, min_visibility: 0.2)
  batch {
    one_of {
      # CHECK: rule07_mix.aug:[[@LINE+26]]:7: error[E0709]: `mixup` mixes whole images and cannot carry boxes `boxes`
      # CHECK-NEXT: rule07_mix.aug:21:3: note: the field is declared here
      # CHECK-NEXT: rule07_mix.aug:22:3: note: keypoints `kp` cannot be carried either
      # CHECK-NEXT: rule07_mix.aug:23:3: note: mask `seg` cannot be carried either
      # TEXT: {{^}}error[E0709]: `mixup` mixes whole images and cannot carry boxes `boxes`{{$}}
      # TEXT-NEXT: {{^}}  --> {{.*}}rule07_mix.aug:[[@LINE+21]]:7{{$}}
      # TEXT-NEXT: {{^}}   |{{$}}
      # TEXT-NEXT: {{^}}[[@LINE+19]] |       mixup(){{$}}
      # TEXT-NEXT: {{^}}   |       ^^^^^^^{{$}}
      # TEXT-NEXT: {{^}}   |{{$}}
      # TEXT-NEXT: {{^}}note: the field is declared here{{$}}
      # TEXT-NEXT: {{^}}  --> {{.*}}rule07_mix.aug:21:3{{$}}
      # TEXT-NEXT: {{^}}   |{{$}}
      # TEXT-NEXT: {{^}}21 |   boxes: boxes(xyxy){{$}}
      # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^{{$}}
      # TEXT-NEXT: {{^}}note: keypoints `kp` cannot be carried either{{$}}
      # TEXT-NEXT: {{^}}  --> {{.*}}rule07_mix.aug:22:3{{$}}
      # TEXT-NEXT: {{^}}   |{{$}}
      # TEXT-NEXT: {{^}}22 |   kp: keypoints(2, flip: [(0, 1)]){{$}}
      # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
      # TEXT-NEXT: {{^}}note: mask `seg` cannot be carried either{{$}}
      # TEXT-NEXT: {{^}}  --> {{.*}}rule07_mix.aug:23:3{{$}}
      # TEXT-NEXT: {{^}}   |{{$}}
      # TEXT-NEXT: {{^}}23 |   seg: mask(5){{$}}
      # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^{{$}}
      # TEXT-EMPTY:
      mixup()
      # CHECK: rule07_mix.aug:[[@LINE+4]]:7: error[E0709]: `cutmix` mixes whole images and cannot carry boxes `boxes`
      # CHECK-NEXT: rule07_mix.aug:21:3: note: the field is declared here
      # CHECK-NEXT: rule07_mix.aug:22:3: note: keypoints `kp` cannot be carried either
      # CHECK-NEXT: rule07_mix.aug:23:3: note: mask `seg` cannot be carried either
      cutmix()
    }
  }
}
# TEXT: {{^}}4 errors generated.{{$}}
