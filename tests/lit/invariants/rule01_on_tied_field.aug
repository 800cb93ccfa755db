# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 1 (E0701): a geometric op with `on:` moves one image alone; that is rejected when the sample has
# masks, boxes or keypoints, which are tied to every image of the sample (docs/language.md §11.6).
# The error is at the statement; each tied field gets a note at its declaration.
# A geometric op without `on:` moves every image, mask, box and keypoint together: accepted.
#
#
#
sample Stereo {
  left: image(rgb)
  right: image(rgb)
  seg: mask(21)
}

sample StereoDet {
  left: image(rgb)
  right: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
  kp: keypoints(4, flip: [(0, 1)])
}

policy flip_one on Stereo {
  # CHECK: rule01_on_tied_field.aug:[[@LINE+19]]:3: error[E0701]: `hflip` would move `left` alone, leaving `seg` behind
  # CHECK-NEXT: rule01_on_tied_field.aug:13:3: note: `seg` moves with the image
  # CHECK-NEXT: rule01_on_tied_field.aug:[[@LINE+17]]:9: fix-it: remove `on: left`
  # TEXT: {{^}}error[E0701]: `hflip` would move `left` alone, leaving `seg` behind{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule01_on_tied_field.aug:[[@LINE+15]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+13]] |   hflip(on: left){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: `seg` moves with the image{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule01_on_tied_field.aug:13:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}13 |   seg: mask(21){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}help: remove `on:` so that every geometric field moves together{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+3]] |   hflip(on: left){{$}}
  # TEXT-NEXT: {{^}}   |         --------{{$}}
  # TEXT-EMPTY:
  hflip(on: left)
  # Moving both images (and the mask) together is the accepted form.
  hflip()
  # CHECK: rule01_on_tied_field.aug:[[@LINE+3]]:3: error[E0701]: `rotate` would move `right` alone, leaving `seg` behind
  # CHECK-NEXT: rule01_on_tied_field.aug:13:3: note: `seg` moves with the image
  # CHECK-NEXT: rule01_on_tied_field.aug:[[@LINE+1]]:22: fix-it: remove `, on: right`
  rotate(angle: 10deg, on: right) @p(0.5)
  rotate(angle: 10deg)
}

policy crop_one on StereoDet {
  # Every tied field is listed, each with a note.
  # CHECK: rule01_on_tied_field.aug:[[@LINE+4]]:3: error[E0701]: `center_crop` would move `left` alone, leaving `boxes`, `kp` behind
  # CHECK-NEXT: rule01_on_tied_field.aug:19:3: note: `boxes` moves with the image
  # CHECK-NEXT: rule01_on_tied_field.aug:21:3: note: `kp` moves with the image
  # CHECK-NEXT: rule01_on_tied_field.aug:[[@LINE+1]]:39: fix-it: remove `, on: left`
  center_crop(224, min_visibility: 0.3, on: left)
  # Inside a `one_of` too.
  one_of {
    # CHECK: rule01_on_tied_field.aug:[[@LINE+1]]:5: error[E0701]: `translate_x` would move `right` alone, leaving `boxes`, `kp` behind
    translate_x(px: 10, on: right)
    translate_x(px: 10)
  }
  center_crop(224, min_visibility: 0.3)
}
# TEXT: {{^}}4 errors generated.{{$}}
