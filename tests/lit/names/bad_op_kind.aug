# RUN: not %auger check --format brief --stdlib %S/Inputs/broken_stdlib %s 2>&1 | FileCheck %s
# RUN: %auger check --format brief --stdlib %S/Inputs/good_stdlib %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# An op's input and output kinds (E0213) are checked in the stdlib folder given with `--stdlib`. The line
# numbers are those of Inputs/broken_stdlib/prims_test.aug.
# OK-NOT: {{error|warning}}

# CHECK: Inputs/broken_stdlib/prims_test.aug:7:17: error[E0213]: unknown op kind `picture` (expected image, mask, audio, spectrogram, text or batch)
# CHECK-NEXT: Inputs/broken_stdlib/prims_test.aug:8:26: error[E0213]: unknown op kind `image(u16)` (expected image, mask, audio, spectrogram, text or batch)
# CHECK-NEXT: note: a kind's only argument is its element type, `u8` or `f32`
# CHECK-NOT: error

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  good()
}
