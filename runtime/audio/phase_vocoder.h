// Time stretching by phase vocoder, as torchaudio 0.13's F.pitch_shift does it (its _stretch_waveform): an STFT
// with n_fft 512, hop 128 and a periodic Hann window of 512 (centred, reflect padding), `F.phase_vocoder` with
// phase_advance = linspace(0, pi * 128, 257), and the inverse STFT with the same window (overlap-add divided by the
// summed squared window) cut or zero-padded to the length asked for. `time_stretch` and `pitch_shift` run it.
#pragma once

#include <cstddef>

namespace auger::rt::audio {

inline constexpr std::size_t kVocoderFft = 512, kVocoderHop = 128;
// The fewest samples it takes: reflect padding by n_fft / 2 needs more than n_fft / 2 (torch refuses it too).
inline constexpr std::size_t kVocoderMinSamples = kVocoderFft / 2 + 1;

// `x` (len >= kVocoderMinSamples samples) played `rate` times faster at the same pitch, as the out_len samples of
// `out` (which must not overlap x).
void stretch(const float* x, std::size_t len, double rate, float* out, std::size_t out_len);

}  // namespace auger::rt::audio
