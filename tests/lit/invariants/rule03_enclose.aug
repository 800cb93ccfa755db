# RUN: %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 3 (W0704, a warning: the check succeeds): rotations, shears, affine and perspective warps turn boxes
# into the enclosing box of their warped corners. Reported at the statement, with a note at the boxes and a
# fix-it inserting `boxes: enclose`; silent when `boxes: enclose` is given.
#
#
#
#
sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
}

policy warps on Det {
  # CHECK: rule03_enclose.aug:[[@LINE+19]]:3: warning[W0704]: `rotate` turns boxes `boxes` into the enclosing boxes of their warped corners
  # CHECK-NEXT: rule03_enclose.aug:12:3: note: the boxes are declared here; an enclosing box is larger than the object it held
  # CHECK-NEXT: rule03_enclose.aug:[[@LINE+17]]:39: fix-it: insert `, boxes: enclose`
  # TEXT: {{^}}warning[W0704]: `rotate` turns boxes `boxes` into the enclosing boxes of their warped corners{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule03_enclose.aug:[[@LINE+15]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+13]] |   rotate(angle: uniform(-10deg, 10deg)) @p(0.5){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the boxes are declared here; an enclosing box is larger than the object it held{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule03_enclose.aug:12:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}12 |   boxes: boxes(xyxy){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}help: add `boxes: enclose`{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+3]] |   rotate(angle: uniform(-10deg, 10deg), boxes: enclose) @p(0.5){{$}}
  # TEXT-NEXT: {{^}}   |                                       ++++++++++++++++{{$}}
  # TEXT-EMPTY:
  rotate(angle: uniform(-10deg, 10deg)) @p(0.5)
  # CHECK: rule03_enclose.aug:[[@LINE+3]]:3: warning[W0704]: `affine` turns boxes `boxes` into the enclosing boxes of their warped corners
  # CHECK-NEXT: rule03_enclose.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: rule03_enclose.aug:[[@LINE+1]]:52: fix-it: insert `, boxes: enclose`
  affine(angle: 5deg, scale: 1.1, translate: [4, 4])
  # CHECK: rule03_enclose.aug:[[@LINE+3]]:3: warning[W0704]: `shear_x` turns boxes
  # CHECK-NEXT: rule03_enclose.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: rule03_enclose.aug:[[@LINE+1]]:22: fix-it: insert `, boxes: enclose`
  shear_x(amount: 0.2)
  one_of { seq { }
    # CHECK: rule03_enclose.aug:[[@LINE+3]]:5: warning[W0704]: `shear_y` turns boxes
    # CHECK-NEXT: rule03_enclose.aug:12:3: note: the boxes are declared here
    # CHECK-NEXT: rule03_enclose.aug:[[@LINE+1]]:25: fix-it: insert `, boxes: enclose`
    shear_y(amount: -0.2)
  }
  # A call with no arguments gets the argument without a leading comma.
  # CHECK: rule03_enclose.aug:[[@LINE+5]]:3: warning[W0704]: `perspective` turns boxes
  # CHECK-NEXT: rule03_enclose.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: rule03_enclose.aug:[[@LINE+3]]:15: fix-it: insert `boxes: enclose`
  # TEXT: {{^}}[[@LINE+2]] |   perspective(boxes: enclose){{$}}
  # TEXT-NEXT: {{^}}   |               ++++++++++++++{{$}}
  perspective()
  # Accepted: the acknowledgement given explicitly.
  rotate(angle: 10deg, boxes: enclose)
  affine(angle: 5deg, boxes: enclose)
  shear_x(amount: 0.2, boxes: enclose)
  shear_y(amount: 0.2, boxes: enclose)
  perspective(distortion: 0.3, boxes: enclose)
  # Exact maps are silent: translations, flips, resizes, pads.
  translate_x(px: 10)
  translate_y(px: -5%)
  hflip()
  resize(size: [300, 300])
  pad(px: 4)
}
# TEXT: {{^}}5 warnings generated.{{$}}
