// A decoded audio field as the audio ops see it: a waveform (channels x samples) or, after `melspec`, a
// spectrogram (mel bins x frames, torchaudio's layout). Both are row-major f32 `rows x cols`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace auger::rt::audio {

// What the sampler tracks of an audio field while it resolves a sample's ops (the data is not needed).
struct AudioShape {
  bool spectrogram = false;
  int rows = 0;          // waveform: channels; spectrogram: mel bins
  std::size_t cols = 0;  // waveform: samples per channel; spectrogram: frames
  double rate = 0;       // the waveform's sample rate in Hz (a spectrogram keeps the rate it was made at)
  std::size_t hop = 0;   // spectrogram: samples at `rate` between frames (frame labels follow time_warp by it)
  friend bool operator==(const AudioShape&, const AudioShape&) = default;
};

// A gain and a time shift recorded but not applied yet: run_audio leaves them, when asked to, for the copy that
// takes the signal out (the Loader's batch, runtime/audio/pending_level.h), which does them as it copies — the
// same values as applying them, without a pass of their own.
struct PendingLevel {
  bool has_gain = false, has_shift = false;
  float gain = 1.0f;       // out = x * gain in f32 (`gain`'s factor)
  std::int64_t shift = 0;  // `time_shift`'s, in samples
  bool roll = true;        // its mode: roll, or zeros
};

struct Signal {
  AudioShape shape;
  std::vector<float> data;  // rows * cols values, row after row
  PendingLevel pending;     // none unless run_audio was asked to leave them

  [[nodiscard]] float* row(int r) { return data.data() + static_cast<std::size_t>(r) * shape.cols; }
  [[nodiscard]] const float* row(int r) const { return data.data() + static_cast<std::size_t>(r) * shape.cols; }
  static Signal wave(int channels, std::size_t samples, double rate) {
    Signal s;
    s.shape = {false, channels, samples, rate};
    s.data.assign(static_cast<std::size_t>(channels) * samples, 0.0f);
    return s;
  }
};

}  // namespace auger::rt::audio
