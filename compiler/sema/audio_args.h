// What the sample rate alone decides about an audio op's arguments: a melspec window that cannot fit n_fft at the
// rate the field has there fails on every sample, and mel filters narrower than a frequency bin are always zero.
// The formulas are the runtime's (runtime/audio/ops/melspec.cpp), so check and run agree.
#pragma once

#include <string>

namespace auger::audio_args {

struct Melspec {
  double n_fft = 512, win = 0.025, hop = 0.010;  // win and hop in seconds
  int n_mels = 80;
};

// Why melspec fails on every sample at `rate` Hz ("the window (1600 samples) is longer than n_fft (512)"), or "".
std::string melspec_failure(double rate, const Melspec& m);

// How many of the n_mels filters of torchaudio's melscale_fbanks (HTK, f_min 0, f_max rate // 2) cover no frequency
// bin of an n_fft STFT: those spectrogram rows are zero for every input.
int empty_mel_filters(double rate, const Melspec& m);

// "16 kHz", "44.1 kHz", "800 Hz".
std::string rate_text(double rate);

}  // namespace auger::audio_args
