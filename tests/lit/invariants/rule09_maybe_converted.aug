# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Rule 9 when the conversion does not always run: after `melspec() @p(0.5)` (or a one_of with melspec in one
# branch only) the field may still be audio, so a spectrogram op is an error, and so is an audio op.

sample Speech {
  audio: audio(16kHz, mono)
}

policy sometimes on Speech {
  melspec() @p(0.5)
  # CHECK: rule09_maybe_converted.aug:[[@LINE+1]]:3: error[E0711]: `freq_mask` works on spectrogram, but `audio` may still be audio here: the `melspec()` before it does not always run
  freq_mask(F: 10)
}

policy branch on Speech {
  one_of {
    melspec()
    gain(db: 3dB)
  }
  # CHECK: rule09_maybe_converted.aug:[[@LINE+1]]:3: error[E0711]: `gain` works on audio, but `audio` may already be a spectrogram here
  gain(db: 1dB)
}

policy always on Speech {
  melspec()
  freq_mask(F: 10)
}
# CHECK-NOT: error
