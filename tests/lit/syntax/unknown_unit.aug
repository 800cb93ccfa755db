# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A number's unit suffix must be one of the known units (E0104), with the closest one as a fix-it.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: unknown_unit.aug:[[@LINE+3]]:19: error[E0104]: unknown unit `degs`
  # CHECK-NEXT: note: known units: deg, rad, ms, s, kHz, Hz, dB, px, %
  # CHECK-NEXT: unknown_unit.aug:[[@LINE+1]]:19: fix-it: replace `degs` with `deg`
  rotate(angle: 30degs)
  rotate(angle: 30deg)
}
# CHECK-NOT: error
