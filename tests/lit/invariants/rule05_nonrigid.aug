# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 5 (E0706): a non-invertible warp (`elastic`, `geometry: nonrigid`; the stdlib declares no
# `grid_distortion`) cannot carry boxes or keypoints. One error per statement; the message names the first
# field and every offending field gets a note at its declaration.
#
#
#
#
sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
}

sample Pose {
  image: image(rgb)
  kp: keypoints(2, flip: [(0, 1)])
  seg: mask(4)
}

sample DetPose {
  image: image(rgb)
  boxes: boxes(xyxy)
  kp: keypoints(2, flip: [(0, 1)])
}

policy det on Det {
  # CHECK: rule05_nonrigid.aug:[[@LINE+4]]:3: error[E0706]: `elastic` is a non-invertible warp and cannot carry boxes `boxes`
  # CHECK-NEXT: rule05_nonrigid.aug:12:3: note: the field is declared here
  # CHECK-NOT: fix-it
  # TEXT: {{^}}  --> {{.*}}rule05_nonrigid.aug:[[@LINE+1]]:3{{$}}
  elastic(alpha: 50, sigma: 5) @p(0.3)
}

policy pose on Pose {
  one_of {
    # CHECK: rule05_nonrigid.aug:[[@LINE+3]]:5: error[E0706]: `elastic` is a non-invertible warp and cannot carry keypoints `kp`
    # CHECK-NEXT: rule05_nonrigid.aug:18:3: note: the field is declared here
    # TEXT: {{^}}  --> {{.*}}rule05_nonrigid.aug:[[@LINE+1]]:5{{$}}
    elastic(alpha: 50, sigma: 5)
    hflip()
  }
}

policy both on DetPose {
  # CHECK: rule05_nonrigid.aug:[[@LINE+20]]:3: error[E0706]: `elastic` is a non-invertible warp and cannot carry boxes `boxes`
  # CHECK-NEXT: rule05_nonrigid.aug:24:3: note: the field is declared here
  # CHECK-NEXT: rule05_nonrigid.aug:25:3: note: keypoints `kp` cannot be carried either
  # TEXT: {{^}}error[E0706]: `elastic` is a non-invertible warp and cannot carry boxes `boxes`{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule05_nonrigid.aug:[[@LINE+16]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+14]] |   elastic(alpha: uniform(10, 50), sigma: 4){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the field is declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule05_nonrigid.aug:24:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}24 |   boxes: boxes(xyxy){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}note: keypoints `kp` cannot be carried either{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule05_nonrigid.aug:25:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}25 |   kp: keypoints(2, flip: [(0, 1)]){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  elastic(alpha: uniform(10, 50), sigma: 4)
}
# TEXT: {{^}}3 errors generated.{{$}}
