#include "runtime/audio/resample.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace auger::rt::audio {

namespace {

constexpr int kLowpassWidth = 6;
constexpr double kRolloff = 0.99;

// torchaudio's _get_sinc_resample_kernel for reduced rates: `phases` rows of `taps` weights, and its `width`.
struct Kernel {
  std::int64_t phases = 0, taps = 0, width = 0;
  std::vector<float> w;
};

Kernel sinc_kernel(std::int64_t orig, std::int64_t next) {
  Kernel k;
  const double base = static_cast<double>(std::min(orig, next)) * kRolloff;
  k.width = static_cast<std::int64_t>(std::ceil(kLowpassWidth * static_cast<double>(orig) / base));
  k.phases = next;
  k.taps = 2 * k.width + orig;
  k.w.resize(static_cast<std::size_t>(k.phases * k.taps));
  const double scale = base / static_cast<double>(orig);
  for (std::int64_t i = 0; i < k.phases; ++i)
    for (std::int64_t j = 0; j < k.taps; ++j) {
      double t = (-static_cast<double>(i) / static_cast<double>(next) +
                  static_cast<double>(j - k.width) / static_cast<double>(orig)) *
                 base;
      t = std::clamp(t, -static_cast<double>(kLowpassWidth), static_cast<double>(kLowpassWidth));
      const double c = std::cos(t * std::numbers::pi / kLowpassWidth / 2);
      const double window = c * c;
      t *= std::numbers::pi;
      const double sinc = t == 0 ? 1.0 : std::sin(t) / t;
      k.w[static_cast<std::size_t>(i * k.taps + j)] = static_cast<float>(sinc * window * scale);
    }
  return k;
}

// One row: pad `width` zeros before and `width + orig` after, then output j * next + i is the dot product of
// kernel row i with the padded input from j * orig on.
void resample_row(const float* in, std::size_t len, const Kernel& k, std::int64_t orig, float* out,
                  std::size_t out_len) {
  std::vector<float> padded(len + static_cast<std::size_t>(k.taps), 0.0f);
  std::copy(in, in + len, padded.begin() + k.width);
  for (std::size_t o = 0; o < out_len; ++o) {
    const auto j = static_cast<std::int64_t>(o) / k.phases, i = static_cast<std::int64_t>(o) % k.phases;
    const float* x = padded.data() + j * orig;
    const float* w = k.w.data() + i * k.taps;
    float acc = 0;
    for (std::int64_t t = 0; t < k.taps; ++t) acc += x[t] * w[t];
    out[o] = acc;
  }
}

}  // namespace

std::size_t resampled_length(std::size_t len, std::int64_t from, std::int64_t to) {
  const std::int64_t g = std::gcd(from, to);
  const auto orig = static_cast<std::size_t>(from / g), next = static_cast<std::size_t>(to / g);
  return (len * next + orig - 1) / orig;
}

void resample_rows(Signal& s, std::int64_t from, std::int64_t to) {
  if (from <= 0 || to <= 0) throw std::runtime_error("resample: the rates must be positive whole hertz");
  if (from == to) return;
  const std::int64_t g = std::gcd(from, to);
  const std::int64_t orig = from / g, next = to / g;
  const Kernel k = sinc_kernel(orig, next);
  const std::size_t len = s.shape.cols, out_len = resampled_length(len, from, to);
  std::vector<float> out(static_cast<std::size_t>(s.shape.rows) * out_len);
  for (int r = 0; r < s.shape.rows; ++r)
    resample_row(s.row(r), len, k, orig, out.data() + static_cast<std::size_t>(r) * out_len, out_len);
  s.data = std::move(out);
  s.shape.cols = out_len;
}

}  // namespace auger::rt::audio
