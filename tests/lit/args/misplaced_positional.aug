# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Only an op's first argument may be positional (E0404); the fix-it names the parameter it most likely is.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # The first parameter, named nowhere else in the call.
  # CHECK: misplaced_positional.aug:[[@LINE+2]]:28: error[E0404]: only the first argument may be positional; name the others
  # CHECK-NEXT: misplaced_positional.aug:[[@LINE+1]]:28: fix-it: insert `angle: `
  rotate(interp: bilinear, 3deg)
  # The parameter at that position.
  # CHECK-NEXT: misplaced_positional.aug:[[@LINE+2]]:16: error[E0404]: only the first argument may be positional; name the others
  # CHECK-NEXT: misplaced_positional.aug:[[@LINE+1]]:16: fix-it: insert `interp: `
  rotate(3deg, bilinear)
  # An op without parameters takes no argument at all.
  # CHECK-NEXT: misplaced_positional.aug:[[@LINE+2]]:10: error[E0404]: `invert` takes no arguments
  # CHECK-NEXT: misplaced_positional.aug:[[@LINE+1]]:10: fix-it: remove `3`
  invert(3)
  rotate(3deg, interp: bilinear)
  rotate(interp: bilinear, angle: 3deg)
  invert()
}
# CHECK-NOT: error
