#include "compiler/sema/audio_args.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace auger::audio_args {

namespace {

// Python's round() (half to even, the default rounding mode) of seconds * rate, as torchaudio's arguments get it.
std::int64_t samples(double seconds, double rate) {
  return static_cast<std::int64_t>(std::nearbyint(seconds * rate));
}

double hz_to_mel(double hz) {
  return 2595.0 * std::log10(1.0 + hz / 700.0);
}
double mel_to_hz(double mel) {
  return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
}

}  // namespace

std::string melspec_failure(double rate, const Melspec& m) {
  const auto win = samples(m.win, rate), hop = samples(m.hop, rate);
  if (win < 1 || hop < 1) return "the window and the hop must be at least one sample";
  if (static_cast<double>(win) > m.n_fft)
    return fmt::format("the window ({} samples) is longer than n_fft ({})", win, m.n_fft);
  return "";
}

int empty_mel_filters(double rate, const Melspec& m) {
  const auto n_freqs = static_cast<std::size_t>(m.n_fft) / 2 + 1;
  const double top = static_cast<double>(static_cast<std::int64_t>(std::llround(rate)) / 2);
  const double m_max = hz_to_mel(top), points = m.n_mels + 1;
  int empty = 0;
  for (int i = 0; i < m.n_mels; ++i) {
    // Filter i is positive strictly between its outer corners; it is empty when no bin falls there.
    const double lo = mel_to_hz(m_max * i / points), hi = mel_to_hz(m_max * (i + 2) / points);
    const double step = n_freqs == 1 ? top : top / static_cast<double>(n_freqs - 1);
    const auto k = static_cast<std::size_t>(std::floor(lo / step)) + 1;  // the first bin above lo
    if (!(k < n_freqs && static_cast<double>(k) * step < hi)) ++empty;
  }
  return empty;
}

std::string rate_text(double rate) {
  return rate >= 1000 ? fmt::format("{:g} kHz", rate / 1000) : fmt::format("{:g} Hz", rate);
}

}  // namespace auger::audio_args
