# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 4 (E0705): a crop on a sample with boxes must say how much of a box must stay visible with
# `min_visibility`. The error is at the crop, with a note at the boxes (no fix-it: the fraction is the
# user's choice). Every crop op is covered: random_resized_crop, center_crop, random_crop, crop.
#
#
#
#
sample Det {
  image: image(rgb)
  boxes: boxes(xywh)
  classes: class(80)[]
}

policy crops on Det {
  # CHECK: rule04_crop.aug:[[@LINE+15]]:3: error[E0705]: `random_resized_crop` crops a sample with boxes `boxes` but gives no `min_visibility`
  # CHECK-NEXT: rule04_crop.aug:12:3: note: the boxes are declared here; `min_visibility: v` drops boxes with less than the fraction v of their area inside the crop
  # CHECK-NOT: fix-it
  # TEXT: {{^}}error[E0705]: `random_resized_crop` crops a sample with boxes `boxes` but gives no `min_visibility`{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule04_crop.aug:[[@LINE+11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   random_resized_crop(size: 224, scale: [0.3, 1.0]){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the boxes are declared here; `min_visibility: v` drops boxes with less than the fraction v of their area inside the crop{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule04_crop.aug:12:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}12 |   boxes: boxes(xywh){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  random_resized_crop(size: 224, scale: [0.3, 1.0])
  # CHECK: rule04_crop.aug:[[@LINE+2]]:3: error[E0705]: `center_crop` crops a sample with boxes `boxes` but gives no `min_visibility`
  # CHECK-NEXT: rule04_crop.aug:12:3: note: the boxes are declared here
  center_crop(200)
  # CHECK: rule04_crop.aug:[[@LINE+2]]:3: error[E0705]: `random_crop` crops a sample with boxes `boxes` but gives no `min_visibility`
  # CHECK-NEXT: rule04_crop.aug:12:3: note: the boxes are declared here
  random_crop(size: [160, 120], padding: 8) @p(0.5)
  # CHECK: rule04_crop.aug:[[@LINE+2]]:3: error[E0705]: `crop` crops a sample with boxes `boxes` but gives no `min_visibility`
  # CHECK-NEXT: rule04_crop.aug:12:3: note: the boxes are declared here
  crop(x: 0, y: 0, w: 64, h: 64)
  # Accepted: the same crops with `min_visibility`.
  random_resized_crop(size: 224, scale: [0.3, 1.0], min_visibility: 0.3)
  center_crop(200, min_visibility: 0.5)
  random_crop(size: [160, 120], padding: 8, min_visibility: 0)
  crop(x: 0, y: 0, w: 64, h: 64, min_visibility: 1)
  # An out-of-domain `min_visibility` is a domain error, not also E0705.
  # CHECK: rule04_crop.aug:[[@LINE+1]]:36: error[E0303]: value 1.5 of `min_visibility` is outside its domain [0, 1]
  center_crop(200, min_visibility: 1.5)
}
# TEXT: {{^}}5 errors generated.{{$}}
