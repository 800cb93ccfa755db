# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# With two images, a colour op must say which one it applies to (E0405); the fix-it adds `on:`.
# Geometric ops move both images together and need no `on:`.

sample Stereo {
  left: image(rgb)
  right: image(rgb)
}

policy train on Stereo {
  # CHECK: ambiguous_target.aug:[[@LINE+2]]:3: error[E0405]: `brightness` could apply to several fields (`left`, `right`); name one with `on:`
  # CHECK-NEXT: ambiguous_target.aug:[[@LINE+1]]:25: fix-it: insert `, on: left`
  brightness(factor: 1.2)
  # CHECK-NEXT: ambiguous_target.aug:[[@LINE+2]]:3: error[E0405]: `equalize` could apply to several fields (`left`, `right`); name one with `on:`
  # CHECK-NEXT: ambiguous_target.aug:[[@LINE+1]]:12: fix-it: insert `on: left`
  equalize()
  brightness(factor: 1.2, on: left)
  brightness(factor: 0.8, on: right)
  equalize(on: right)
  hflip()
  rotate(angle: 10deg)
}
# CHECK-NOT: error
