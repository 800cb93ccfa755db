# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A field kind's arguments are checked (E0502): formats, colour spaces, class counts, sample rates.

sample Bad {
  # CHECK: bad_field_args.aug:[[@LINE+1]]:16: error[E0502]: `image`: the colour space is `rgb`, `gray` or `rgba`
  image: image(cmyk)
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+2]]:16: error[E0502]: `boxes`: the box format is `xyxy`, `xywh` or `cxcywh`
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+1]]:16: fix-it: replace `xyzz` with `xyxy`
  boxes: boxes(xyzz)
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+1]]:9: error[E0502]: `mask`: needs the number of classes, e.g. `mask(10)`
  mask: mask()
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+1]]:16: error[E0502]: `class`: the number of classes must be a positive integer
  label: class(0)
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+2]]:31: error[E0502]: `keypoints`: expected a pair `(i, j)`
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+1]]:34: error[E0502]: `keypoints`: expected a pair `(i, j)`
  points: keypoints(3, flip: [0, 1])
}

sample Speech {
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+1]]:16: error[E0502]: `audio`: the sample rate is a frequency such as `16kHz`
  audio: audio(16, mono)
}

sample OddRate {
  # CHECK-NEXT: bad_field_args.aug:[[@LINE+1]]:16: error[E0502]: `audio`: the sample rate must be a positive whole number of hertz, not 12.3456 kHz
  audio: audio(12.3456kHz, mono)
}

sample Good {
  image: image(rgba)
  boxes: boxes(cxcywh)
  mask: mask(10)
  label: class(1)
  points: keypoints(3, flip: [(0, 1)])
}

sample GoodSpeech {
  audio: audio(16kHz, mono)
}

sample GoodRates {
  a: audio(44.1kHz, mono)
  b: audio(22.05kHz, stereo)
  c: audio(11.025kHz, mono)
}
# CHECK-NOT: error
