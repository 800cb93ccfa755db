# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 2: `hflip`/`vflip` on keypoints without `flip` pairs (E0702, note at the keypoints' type), and on a
# sample with a text caption without `caption:` (E0703, note at the caption, fix-it inserting
# `caption: swap_lr` for hflip and `caption: swap_tb` for vflip, docs/language.md §11.7).
#
#
#
#
sample Pose {
  image: image(rgb)
  kp: keypoints(17)
}

sample Captioned {
  image: image(rgb)
  caption: text(en)
}

sample Both {
  image: image(rgb)
  kp: keypoints(3)
  caption: text(en)
}

policy pose on Pose {
  # CHECK: rule02_mirror.aug:[[@LINE+15]]:3: error[E0702]: `hflip` mirrors the image but keypoints `kp` declare no `flip` pairs
  # CHECK-NEXT: rule02_mirror.aug:12:7: note: the keypoints are declared here; list their left/right pairs with `flip: [(i, j), …]` (or `flip: []` when none swap)
  # CHECK-NOT: fix-it
  # TEXT: {{^}}error[E0702]: `hflip` mirrors the image but keypoints `kp` declare no `flip` pairs{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule02_mirror.aug:[[@LINE+11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   hflip() @p(0.5){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the keypoints are declared here; list their left/right pairs with `flip: [(i, j), …]` (or `flip: []` when none swap){{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule02_mirror.aug:12:7{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}12 |   kp: keypoints(17){{$}}
  # TEXT-NEXT: {{^}}   |       ^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  hflip() @p(0.5)
  # A vertical flip reverses handedness too (spec rule 2 names both flips).
  # CHECK: rule02_mirror.aug:[[@LINE+2]]:3: error[E0702]: `vflip` mirrors the image but keypoints `kp` declare no `flip` pairs
  # CHECK-NEXT: rule02_mirror.aug:12:7: note: the keypoints are declared here
  vflip()
}

policy captions on Captioned {
  # CHECK: rule02_mirror.aug:[[@LINE+19]]:3: error[E0703]: `hflip` mirrors the image; say what happens to caption `caption` with `caption: swap_lr`
  # CHECK-NEXT: rule02_mirror.aug:17:3: note: the caption is declared here
  # CHECK-NEXT: rule02_mirror.aug:[[@LINE+17]]:9: fix-it: insert `caption: swap_lr`
  # TEXT: {{^}}error[E0703]: `hflip` mirrors the image; say what happens to caption `caption` with `caption: swap_lr`{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule02_mirror.aug:[[@LINE+15]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+13]] |   hflip(){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the caption is declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule02_mirror.aug:17:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}17 |   caption: text(en){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}help: add `caption: swap_lr`{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+3]] |   hflip(caption: swap_lr){{$}}
  # TEXT-NEXT: {{^}}   |         ++++++++++++++++{{$}}
  # TEXT-EMPTY:
  hflip()
  # CHECK: rule02_mirror.aug:[[@LINE+7]]:3: error[E0703]: `vflip` mirrors the image; say what happens to caption `caption` with `caption: swap_tb`
  # CHECK-NEXT: rule02_mirror.aug:17:3: note: the caption is declared here
  # CHECK-NEXT: rule02_mirror.aug:[[@LINE+5]]:9: fix-it: insert `caption: swap_tb`
  # TEXT: {{^}}help: add `caption: swap_tb`{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+2]] |   vflip(caption: swap_tb) @p(0.1){{$}}
  # TEXT-NEXT: {{^}}   |         ++++++++++++++++{{$}}
  vflip() @p(0.1)
  # A caption value given but wrong for the op is a type error, not a second E0703 (and no fix-it adding
  # `caption:` twice).
  # CHECK: rule02_mirror.aug:[[@LINE+1]]:18: error[E0306]: `swap_lr` is not a value of `swap_tb | keep`
  vflip(caption: swap_lr)
}

policy both on Both {
  # Both rules at one statement: two diagnostics, each with its note.
  # CHECK: rule02_mirror.aug:[[@LINE+5]]:3: error[E0702]: `hflip` mirrors the image but keypoints `kp` declare no `flip` pairs
  # CHECK-NEXT: rule02_mirror.aug:22:7: note: the keypoints are declared here
  # CHECK-NEXT: rule02_mirror.aug:[[@LINE+3]]:3: error[E0703]: `hflip` mirrors the image; say what happens to caption `caption` with `caption: swap_lr`
  # CHECK-NEXT: rule02_mirror.aug:23:3: note: the caption is declared here
  # CHECK-NEXT: rule02_mirror.aug:[[@LINE+1]]:9: fix-it: insert `caption: swap_lr`
  hflip()
  # The caption mode alone does not satisfy the keypoints.
  # CHECK: rule02_mirror.aug:[[@LINE+1]]:3: error[E0702]: `hflip` mirrors the image but keypoints `kp` declare no `flip` pairs
  hflip(caption: keep)
}
