# RUN: %auger check %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# Accepted lexical forms: every unit suffix, fractions, `;` separators, escapes, comments, contextual keywords.
# OK-NOT: {{error|warning}}

const msg = "tab\\t \"quoted\"\n"   # a comment after a declaration
const half = 50%
const ratio = 3/4

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train(policy: float in [0, 1] = 0.5) on Photo {
  rotate(angle: 30deg, boxes: enclose); rotate(angle: 0.5rad, boxes: enclose);
  translate_x(px: 12px)
  translate_y(px: 10%)
  hflip() @p(policy)
  ;
}

sample Speech {
  audio: audio(16kHz, mono)
}

policy speech on Speech {
  gain(db: -6dB)
  time_shift(max: 25ms)
  resample(rate: 8000Hz)
  time_shift(max: 1.5s)
}
