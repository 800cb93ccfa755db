# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# An image op on a sample with no image is E0711, and only that: the label rules (here rule 2's caption check,
# E0703, for the transcript) are about fields the op would move, and it moves none.

sample Utterance {
  audio: audio(16kHz, mono)
  transcript: text(en)
}

policy train on Utterance {
  # CHECK: rule09_no_target_no_cascade.aug:[[@LINE+1]]:3: error[E0711]: `hflip` works on image fields, but sample `Utterance` has none
  hflip()
}
# CHECK-NOT: E0703
# CHECK-NOT: error
