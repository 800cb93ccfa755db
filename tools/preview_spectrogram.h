// A spectrogram as `auger preview` draws it (docs/audio.md "Preview"): log-mel values through OpenCV's magma
// colour map, low frequencies at the bottom, with SpecAugment's masks tinted and outlined and time_warp's target
// dashed.
#pragma once

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "runtime/audio/signal.h"
#include "tools/spectrogram_marks.h"

namespace auger::cli {

// Mark colours (RGB): none of them is on the magma map, so a mark never passes for data.
inline constexpr int kTimeMaskRgb[3] = {0, 255, 255}, kFreqMaskRgb[3] = {0, 255, 0}, kWarpRgb[3] = {255, 255, 255};

// The log-mel spectrogram (ln(power + 1e-6), melspec's `log`) of `s` for display: a spectrogram as it is (its log
// taken when `params`' melspec had none), a waveform through the project's melspec with the policy's melspec
// arguments from `params` (else 80 mels, 25 ms windows every 10 ms) and an n_fft that holds the window. Throws
// std::runtime_error when the waveform is too short for one frame.
rt::audio::Signal display_log_mel(const rt::audio::Signal& s, const nlohmann::ordered_json& params);

// The spectrogram drawn `width` x `height` (BGR). Column x shows frame floor(x * frames / width); row r shows mel
// bin floor((height - 1 - r) * bins / height). Values span the 80 dB below the spectrogram's peak.
cv::Mat draw_spectrogram(const rt::audio::Signal& log_mel, int width, int height, const SpectrogramMarks& marks);

}  // namespace auger::cli
