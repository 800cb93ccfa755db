# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error['
# A misspelt word argument of a field kind (colour space, element type, box format, channels) gets a
# did-you-mean fix-it (E0502).

sample Photo {
  # CHECK: field_word_fixits.aug:[[@LINE+2]]:16: error[E0502]: `image`: the colour space is `rgb`, `gray` or `rgba`
  # CHECK-NEXT: field_word_fixits.aug:[[@LINE+1]]:16: fix-it: replace `rbg` with `rgb`
  image: image(rbg)
  # CHECK: field_word_fixits.aug:[[@LINE+2]]:22: error[E0502]: `image`: the element type is `u8` or `f32`
  # CHECK-NEXT: field_word_fixits.aug:[[@LINE+1]]:22: fix-it: replace `f23` with `f32`
  depth: image(gray, f23)
  # CHECK: field_word_fixits.aug:[[@LINE+2]]:16: error[E0502]: `boxes`: the box format is `xyxy`, `xywh` or `cxcywh`
  # CHECK-NEXT: field_word_fixits.aug:[[@LINE+1]]:16: fix-it: replace `xywhh` with `xywh`
  boxes: boxes(xywhh)
}

sample Speech {
  # CHECK: field_word_fixits.aug:[[@LINE+2]]:23: error[E0502]: `audio`: channels are `mono` or `stereo`
  # CHECK-NEXT: field_word_fixits.aug:[[@LINE+1]]:23: fix-it: replace `stero` with `stereo`
  audio: audio(16kHz, stero)
}
