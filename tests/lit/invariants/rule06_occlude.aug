# RUN: %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 6 (W0707, a warning): occluding ops (`cutout`, `random_erasing`) may hide a box entirely; reported on
# samples with boxes unless `boxes: keep` is given, with a note at the boxes and a fix-it inserting it.
# Keypoints alone are silent (covered keypoints just get visibility 0).
#
#
#
#
sample Det {
  image: image(rgb)
  boxes: boxes(xyxy, normalized)
  classes: class(80)[]
  kp: keypoints(2, flip: [(0, 1)])
}

policy occlude on Det {
  # CHECK: rule06_occlude.aug:[[@LINE+19]]:3: warning[W0707]: `cutout` may hide boxes `boxes` entirely
  # CHECK-NEXT: rule06_occlude.aug:12:3: note: the boxes are declared here; covered keypoints get visibility 0, boxes are kept
  # CHECK-NEXT: rule06_occlude.aug:[[@LINE+17]]:28: fix-it: insert `, boxes: keep`
  # TEXT: {{^}}warning[W0707]: `cutout` may hide boxes `boxes` entirely{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule06_occlude.aug:[[@LINE+15]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+13]] |   cutout(size: 16, count: 2) @p(0.5){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the boxes are declared here; covered keypoints get visibility 0, boxes are kept{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule06_occlude.aug:12:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}12 |   boxes: boxes(xyxy, normalized){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}help: add `boxes: keep`{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+3]] |   cutout(size: 16, count: 2, boxes: keep) @p(0.5){{$}}
  # TEXT-NEXT: {{^}}   |                            +++++++++++++{{$}}
  # TEXT-EMPTY:
  cutout(size: 16, count: 2) @p(0.5)
  # CHECK: rule06_occlude.aug:[[@LINE+3]]:3: warning[W0707]: `random_erasing` may hide boxes `boxes` entirely
  # CHECK-NEXT: rule06_occlude.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: rule06_occlude.aug:[[@LINE+1]]:18: fix-it: insert `boxes: keep`
  random_erasing()
  # CHECK: rule06_occlude.aug:[[@LINE+3]]:3: warning[W0707]: `random_erasing` may hide boxes `boxes` entirely
  # CHECK-NEXT: rule06_occlude.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: rule06_occlude.aug:[[@LINE+1]]:43: fix-it: insert `, boxes: keep`
  erase: random_erasing(scale: [0.02, 0.2])
  # Accepted: the acknowledgement given.
  cutout(size: 16, boxes: keep)
  random_erasing(scale: [0.02, 0.2], boxes: keep) @p(0.25)
}
# TEXT: {{^}}3 warnings generated.{{$}}
