# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# Deduplication: the checker walks a `some_of` body several times (any subset in any order may run) and
# every arm of a `one_of`/`match`, but each diagnostic is reported once per statement and code.

sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  label: class(3)
}

policy train on Det {
  some_of(n: 2) {
    # CHECK: dedup.aug:[[@LINE+3]]:5: warning[W0704]: `rotate` turns boxes `boxes`
    # CHECK-NEXT: dedup.aug:7:3: note: the boxes are declared here
    # CHECK-NEXT: fix-it: insert `, boxes: enclose`
    rotate(angle: 5deg)
    # CHECK: dedup.aug:[[@LINE+2]]:5: error[E0711]: `brightness` works on image(u8), but `image` is image(rgb, u8 or f32) here
    # CHECK-NEXT: dedup.aug:[[@LINE+2]]:5: note: it changed here
    brightness(factor: 1.2)
    to_float()
    # CHECK: dedup.aug:[[@LINE+1]]:5: error[E0705]: `center_crop` crops a sample with boxes `boxes` but gives no `min_visibility`
    center_crop(200)
  }
}
