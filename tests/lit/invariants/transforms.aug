# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Label invariants inside transforms (docs/language.md §11.8): a statement inside a stdlib or user transform
# is reported at the user's call, with a note at the statement inside (and a "through" note per intermediate
# call); the fix-it goes on the user's call when the outermost transform forwards the acknowledging
# argument. Diagnostics are deduplicated: one per call and code, however many statements inside trigger it
# (rand_augment's shear_x, shear_y and rotate give one W0704).
import std.vision

sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  kp: keypoints(2)
  caption: text(en)
}

transform flips() {
  hflip(caption: keep)
  vflip(caption: keep) @p(0.5)
}

transform outer(boxes: box_mode = enclose) {
  flips()
  rotate(angle: 5deg, boxes: boxes)
}

policy det on Det {
  # CHECK: transforms.aug:[[@LINE+25]]:3: warning[W0704]: `shear_x` turns boxes `boxes` into the enclosing boxes of their warped corners
  # CHECK-NEXT: transforms.aug:12:3: note: the boxes are declared here; an enclosing box is larger than the object it held
  # CHECK-NEXT: <stdlib>/std/vision.aug:{{[0-9]+}}:5: note: inside `rand_augment`, this statement is the cause
  # CHECK-NEXT: transforms.aug:[[@LINE+22]]:34: fix-it: insert `, boxes: enclose`
  # TEXT: {{^}}warning[W0704]: `shear_x` turns boxes `boxes` into the enclosing boxes of their warped corners{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}transforms.aug:[[@LINE+20]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+18]] |   rand_augment(n: 2, magnitude: 9) @p(0.8){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the boxes are declared here; an enclosing box is larger than the object it held{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}transforms.aug:12:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}12 |   boxes: boxes(xyxy){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}note: inside `rand_augment`, this statement is the cause{{$}}
  # TEXT-NEXT: {{^}}  --> <stdlib>/std/vision.aug:{{[0-9]+}}:5{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}{{ *[0-9]+}} |     shear_x(amount: {{.*}}, boxes: boxes){{$}}
  # TEXT-NEXT: {{^}}   |     ^^^^^^^{{\^+}}{{$}}
  # TEXT-NEXT: {{^}}help: add `boxes: enclose`{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+3]] |   rand_augment(n: 2, magnitude: 9, boxes: enclose) @p(0.8){{$}}
  # TEXT-NEXT: {{^}}   |                                  ++++++++++++++++{{$}}
  # TEXT-EMPTY:
  rand_augment(n: 2, magnitude: 9) @p(0.8)
  # CHECK: transforms.aug:[[@LINE+4]]:3: warning[W0704]: `shear_x` turns boxes `boxes`
  # CHECK-NEXT: transforms.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: <stdlib>/std/vision.aug:{{[0-9]+}}:5: note: inside `trivial_augment`, this statement is the cause
  # CHECK-NEXT: transforms.aug:[[@LINE+1]]:19: fix-it: insert `boxes: enclose`
  trivial_augment()
  # Inside a `match` arm of auto_augment.
  # CHECK: transforms.aug:[[@LINE+4]]:3: warning[W0704]: `shear_x` turns boxes `boxes`
  # CHECK-NEXT: transforms.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: <stdlib>/std/vision.aug:{{[0-9]+}}:{{[0-9]+}}: note: inside `auto_augment`, this statement is the cause
  # CHECK-NEXT: transforms.aug:[[@LINE+1]]:28: fix-it: insert `, boxes: enclose`
  auto_augment(policy: svhn)
  # Acknowledged at the call: silent.
  rand_augment(n: 2, magnitude: 9, boxes: enclose)
  trivial_augment(boxes: enclose)
  # Nested user transforms: a note per intermediate call. `flips` gives its captions a mode, so only the
  # keypoints are reported (once, though both flips inside trigger E0702).
  # CHECK: transforms.aug:[[@LINE+9]]:3: error[E0702]: `hflip` mirrors the image but keypoints `kp` declare no `flip` pairs
  # CHECK-NEXT: transforms.aug:13:7: note: the keypoints are declared here
  # CHECK-NEXT: transforms.aug:23:3: note: through `flips`, called here
  # CHECK-NEXT: transforms.aug:18:3: note: inside `flips`, this statement is the cause
  # CHECK-NOT: fix-it
  # CHECK: transforms.aug:[[@LINE+4]]:3: warning[W0704]: `rotate` turns boxes `boxes`
  # CHECK-NEXT: transforms.aug:12:3: note: the boxes are declared here
  # CHECK-NEXT: transforms.aug:24:3: note: inside `outer`, this statement is the cause
  # CHECK-NEXT: transforms.aug:[[@LINE+1]]:9: fix-it: insert `boxes: enclose`
  outer()
  # CHECK: transforms.aug:[[@LINE+4]]:3: error[E0702]: `hflip` mirrors the image but keypoints `kp` declare no `flip` pairs
  # CHECK-NEXT: transforms.aug:13:7: note: the keypoints are declared here
  # CHECK-NEXT: transforms.aug:23:3: note: through `flips`, called here
  # CHECK-NEXT: transforms.aug:18:3: note: inside `flips`, this statement is the cause
  outer(boxes: enclose)
  # Each call is reported on its own.
  # CHECK: transforms.aug:[[@LINE+3]]:3: error[E0702]: `hflip` mirrors
  # CHECK-NEXT: transforms.aug:13:7: note: the keypoints are declared here
  # CHECK-NEXT: transforms.aug:18:3: note: inside `flips`, this statement is the cause
  flips()
}
# TEXT: {{^}}3 errors, 4 warnings generated.{{$}}
