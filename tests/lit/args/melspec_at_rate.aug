# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# melspec's window, hop and filters against the rate the field has at that statement: the schema's, then a
# constant `resample`'s (E0408 when every sample would fail, W0803 for filters that cover no frequency bin).

sample Utt {
  audio: audio(16kHz, mono)
}

policy long_window on Utt {
  # CHECK: melspec_at_rate.aug:[[@LINE+1]]:3: error[E0408]: `melspec` fails on every sample at 16 kHz: the window (1600 samples) is longer than n_fft (512)
  melspec(win: 100ms, n_fft: 512)
}

policy one_second on Utt {
  # CHECK: melspec_at_rate.aug:[[@LINE+1]]:3: error[E0408]: `melspec` fails on every sample at 16 kHz: the window (16000 samples) is longer than n_fft (512)
  melspec(hop: 1s, win: 1s)
}

policy resampled on Utt {
  resample(rate: 44.1kHz)
  # CHECK: melspec_at_rate.aug:[[@LINE+1]]:3: error[E0408]: `melspec` fails on every sample at 44.1 kHz: the window (1102 samples) is longer than n_fft (512)
  melspec()
}

policy maybe_resampled on Utt {
  one_of {
    resample(rate: 8kHz)
    resample(rate: 48kHz)
  }
  # CHECK: melspec_at_rate.aug:[[@LINE+1]]:3: error[E0408]: `melspec` fails on every sample at 48 kHz: the window (1200 samples) is longer than n_fft (512)
  melspec()
}

policy fits_after_resampling on Utt {
  resample(rate: 44.1kHz)
  melspec(n_fft: 2048)
}

policy too_many_mels on Utt {
  # CHECK: melspec_at_rate.aug:[[@LINE+1]]:3: warning[W0803]: {{[0-9]+}} of the 512 mel filters of `melspec` are empty at 16 kHz with n_fft 512: those rows are always 0
  melspec(n_mels: 512)
}

policy odd_rate on Utt {
  # CHECK: melspec_at_rate.aug:[[@LINE+1]]:3: error[E0408]: `resample` fails on every sample at 12.3456 kHz: the rate must be a whole number of hertz
  resample(rate: 12.3456kHz)
}

policy fine on Utt {
  resample(rate: 11.025kHz)
  melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512)
}
# CHECK-NOT: error
# CHECK-NOT: warning
