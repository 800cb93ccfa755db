#include "runtime/audio/phase_vocoder.h"

#include <cmath>
#include <complex>
#include <numbers>

#include "runtime/audio/fft.h"

namespace auger::rt::audio {

namespace {

constexpr std::size_t kBins = kVocoderFft / 2 + 1;
using Frames = std::vector<std::complex<float>>;  // frame after frame, kBins each

std::vector<float> hann() {
  std::vector<float> w(kVocoderFft);
  for (std::size_t n = 0; n < kVocoderFft; ++n)
    w[n] = static_cast<float>(
        0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(n) / static_cast<double>(kVocoderFft)));
  return w;
}

// torch.stft(center=True, pad_mode="reflect", onesided=True): 1 + len / hop frames, then two zero frames (the
// padding phase_vocoder adds so that it may read one frame past the last).
Frames stft(const float* x, std::size_t len, const std::vector<float>& w, RealFft& fft) {
  const auto pad = static_cast<std::ptrdiff_t>(kVocoderFft / 2), n = static_cast<std::ptrdiff_t>(len);
  const std::size_t frames = 1 + len / kVocoderHop;
  Frames spec((frames + 2) * kBins);
  std::vector<float> frame(kVocoderFft);
  for (std::size_t t = 0; t < frames; ++t) {
    for (std::size_t i = 0; i < kVocoderFft; ++i) {
      std::ptrdiff_t j = static_cast<std::ptrdiff_t>(t * kVocoderHop + i) - pad;
      if (j < 0) j = -j;
      if (j >= n) j = 2 * (n - 1) - j;
      frame[i] = x[j] * w[i];
    }
    fft.forward(frame.data(), spec.data() + t * kBins);
  }
  return spec;
}

// F.phase_vocoder: output frame k reads frames floor(k * rate) and the next, magnitudes interpolated linearly,
// phases accumulated from the first frame's by each step's advance (the expected one plus the deviation wrapped
// to [-pi, pi]). The sum is kept in double and reduced mod 2 pi: torch sums in float32, whose phase after a few
// hundred frames of a high bin (1e5 rad) is off by 1e-2 rad, so ours is the closer to the exact vocoder.
Frames vocode(const Frames& spec, std::size_t frames, double rate) {
  if (rate == 1.0) return Frames(spec.begin(), spec.begin() + static_cast<std::ptrdiff_t>(frames * kBins));
  const auto out_frames = static_cast<std::size_t>(std::ceil(static_cast<double>(frames) / rate));
  Frames out(out_frames * kBins);
  std::vector<double> acc(kBins);
  for (std::size_t b = 0; b < kBins; ++b) acc[b] = std::arg(spec[b]);
  const double two_pi = 2.0 * std::numbers::pi;
  for (std::size_t k = 0; k < out_frames; ++k) {
    const double s = static_cast<double>(k) * rate, i0 = std::floor(s), a = s - i0;
    const auto* x0 = spec.data() + static_cast<std::size_t>(i0) * kBins;
    const auto* x1 = x0 + kBins;
    for (std::size_t b = 0; b < kBins; ++b) {
      const double mag = a * std::abs(x1[b]) + (1.0 - a) * std::abs(x0[b]);
      out[k * kBins + b] = std::polar(static_cast<float>(mag), static_cast<float>(acc[b]));
      const double advance = std::numbers::pi * static_cast<double>(kVocoderHop * b) / static_cast<double>(kBins - 1);
      double dev = static_cast<double>(std::arg(x1[b])) - std::arg(x0[b]) - advance;
      dev -= two_pi * std::nearbyint(dev / two_pi);
      acc[b] = std::remainder(acc[b] + dev + advance, two_pi);  // kept small, so that its float is exact enough
    }
  }
  return out;
}

// torch.istft(length=out_len): overlap-add of the windowed inverse FFTs over the summed squared window, from
// n_fft / 2 on; zeros past the last frame.
std::vector<float> istft(const Frames& spec, std::size_t out_len, const std::vector<float>& w, RealFft& fft) {
  const std::size_t frames = spec.size() / kBins, full = kVocoderFft + kVocoderHop * (frames - 1);
  std::vector<float> y(full, 0.0f), env(full, 0.0f), frame(kVocoderFft);
  const float scale = 1.0f / static_cast<float>(kVocoderFft);
  for (std::size_t t = 0; t < frames; ++t) {
    fft.inverse(spec.data() + t * kBins, frame.data());
    for (std::size_t i = 0; i < kVocoderFft; ++i) {
      y[t * kVocoderHop + i] += frame[i] * scale * w[i];
      env[t * kVocoderHop + i] += w[i] * w[i];
    }
  }
  std::vector<float> out(out_len, 0.0f);
  for (std::size_t i = 0; i < out_len && kVocoderFft / 2 + i < full; ++i)
    out[i] = y[kVocoderFft / 2 + i] / env[kVocoderFft / 2 + i];
  return out;
}

}  // namespace

std::vector<float> stretch(const float* x, std::size_t len, double rate, std::size_t out_len) {
  const auto w = hann();
  RealFft fft(kVocoderFft);
  const Frames spec = stft(x, len, w, fft);
  return istft(vocode(spec, 1 + len / kVocoderHop, rate), out_len, w, fft);
}

}  // namespace auger::rt::audio
