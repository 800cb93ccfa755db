#include "runtime/audio/resample.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/audio/kernels/audio_kernels.h"

namespace auger::rt::audio {

namespace {

constexpr int kLowpassWidth = 6;
constexpr double kRolloff = 0.99;

// torchaudio's _get_sinc_resample_kernel for reduced rates: `phases` rows of 2 * width + orig taps, of which only
// those within the Hann window (|t| < lowpass width) are not zero. Each row keeps just its nonzero run (`first`,
// `count`, at `offset` in w), computed only there: with nearly coprime rates (pitch_shift's int(rate / r) against
// rate) orig is in the thousands, and the full table would be phases x orig weights, nearly all 0.
struct Kernel {
  std::int64_t phases = 0, taps = 0, width = 0;
  std::vector<std::int64_t> first, count;
  std::vector<std::size_t> offset;
  std::vector<float> w;
};

float weight(std::int64_t i, std::int64_t j, std::int64_t orig, std::int64_t next, std::int64_t width, double base) {
  double t = (-static_cast<double>(i) / static_cast<double>(next) +
              static_cast<double>(j - width) / static_cast<double>(orig)) *
             base;
  t = std::clamp(t, -static_cast<double>(kLowpassWidth), static_cast<double>(kLowpassWidth));
  const double c = std::cos(t * std::numbers::pi / kLowpassWidth / 2);
  const double window = c * c;
  t *= std::numbers::pi;
  const double sinc = t == 0 ? 1.0 : std::sin(t) / t;
  return static_cast<float>(sinc * window * (base / static_cast<double>(orig)));
}

// weight(i, j) for j in [lo, hi], appended to w. t grows by base / orig from tap to tap, so sin(pi t) and
// cos(pi t / (2 * width)) follow by angle addition from the first tap's (exact to ~1e-15, far below the float the
// weights are rounded to) instead of a sin and a cos per tap: with pitch_shift's nearly coprime rates (thousands of
// phases, drawn anew for every sample) those were a quarter of the op's time. A clamped tap takes weight() itself.
void run_weights(std::int64_t i, std::int64_t lo, std::int64_t hi, std::int64_t orig, std::int64_t next,
                 std::int64_t width, double base, std::vector<float>& w) {
  if (lo > hi) return;
  const double pi = std::numbers::pi, half = pi / kLowpassWidth / 2;
  auto t_of = [&](std::int64_t j) {
    return (-static_cast<double>(i) / static_cast<double>(next) +
            static_cast<double>(j - width) / static_cast<double>(orig)) *
           base;
  };
  const double t0 = t_of(lo), d = base / static_cast<double>(orig);
  double s = std::sin(t0 * pi), c = std::cos(t0 * pi), ws = std::sin(t0 * half), wc = std::cos(t0 * half);
  const double sd = std::sin(d * pi), cd = std::cos(d * pi), wsd = std::sin(d * half), wcd = std::cos(d * half);
  for (std::int64_t j = lo; j <= hi; ++j) {
    const double t = t_of(j);
    if (std::abs(t) >= kLowpassWidth) {
      w.push_back(weight(i, j, orig, next, width, base));
    } else {
      const double sinc = t == 0 ? 1.0 : s / (t * pi);
      w.push_back(static_cast<float>(sinc * (wc * wc) * (base / static_cast<double>(orig))));
    }
    const double s1 = s * cd + c * sd, ws1 = ws * wcd + wc * wsd;
    c = c * cd - s * sd, s = s1;
    wc = wc * wcd - ws * wsd, ws = ws1;
  }
}

Kernel sinc_kernel(std::int64_t orig, std::int64_t next) {
  Kernel k;
  const double base = static_cast<double>(std::min(orig, next)) * kRolloff;
  k.width = static_cast<std::int64_t>(std::ceil(kLowpassWidth * static_cast<double>(orig) / base));
  k.phases = next;
  k.taps = 2 * k.width + orig;
  // |t| <= lowpass width <=> j within reach of width + orig * i / next: outside it t is clamped to the window's
  // edge, where cos^2 * sinc (~1e-49) rounds to 0 in float, as every tap outside the run below does.
  const double reach = kLowpassWidth * static_cast<double>(orig) / base + 2;
  for (std::int64_t i = 0; i < k.phases; ++i) {
    const double centre = static_cast<double>(k.width) + static_cast<double>(orig * i) / static_cast<double>(next);
    auto lo = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(centre - reach)));
    auto hi = std::min<std::int64_t>(k.taps - 1, static_cast<std::int64_t>(std::ceil(centre + reach)));
    while (lo <= hi && weight(i, lo, orig, next, k.width, base) == 0.0f) ++lo;
    while (hi >= lo && weight(i, hi, orig, next, k.width, base) == 0.0f) --hi;
    k.first.push_back(lo);
    k.count.push_back(std::max<std::int64_t>(0, hi - lo + 1));
    k.offset.push_back(k.w.size());
    run_weights(i, lo, hi, orig, next, k.width, base, k.w);
  }
  return k;
}

// One row: pad `width` zeros before and `width + orig` after, then output j * next + i is the dot product of
// kernel row i with the padded input from j * orig on (its zero taps skipped: the sum is the same, term by term).
void resample_row(const float* in, std::size_t len, const Kernel& k, std::int64_t orig, float* out,
                  std::size_t out_len) {
  std::vector<float> padded(len + static_cast<std::size_t>(k.taps), 0.0f);
  std::copy(in, in + len, padded.begin() + k.width);
  for (std::size_t o = 0; o < out_len; ++o) {
    const auto j = static_cast<std::int64_t>(o) / k.phases, i = static_cast<std::int64_t>(o) % k.phases;
    const auto row = static_cast<std::size_t>(i);
    const float* x = padded.data() + j * orig + k.first[row];
    const float* w = k.w.data() + k.offset[row];
    float acc = 0;
    for (std::int64_t t = 0; t < k.count[row]; ++t) acc += x[t] * w[t];
    out[o] = acc;
  }
}

// The same sums through the Polyphase kernel, phase by phase over whole vectors of outputs (worth it when each
// phase has many outputs: speed's 9 -> 10 or 11 -> 10, not pitch_shift's nearly coprime rates, whose thousands of
// phases each have a handful).
void resample_row_kernel(const float* in, std::size_t len, const Kernel& k, std::int64_t orig, float* out,
                         std::size_t out_len) {
  const auto phases = static_cast<std::size_t>(k.phases);
  const std::size_t rows = (out_len + phases - 1) / phases, blocks = (rows + 15) / 16;
  std::size_t width = 1;
  for (auto c : k.count) width = std::max(width, static_cast<std::size_t>(c));
  std::vector<float> weights(phases * width, 0.0f);
  std::vector<std::int32_t> first(phases);
  for (std::size_t i = 0; i < phases; ++i) {
    first[i] = static_cast<std::int32_t>(k.first[i]);
    std::copy_n(k.w.begin() + static_cast<std::ptrdiff_t>(k.offset[i]), k.count[i], weights.begin() + i * width);
  }
  // The padded input as resample_row's, long enough for every (zero-weighted) read of the whole vectors.
  const std::size_t reach = (16 * blocks - 1) * static_cast<std::size_t>(orig) +
                            static_cast<std::size_t>(*std::max_element(first.begin(), first.end())) + width;
  std::vector<float> padded(std::max(len + static_cast<std::size_t>(k.taps), reach), 0.0f);
  std::copy(in, in + len, padded.begin() + k.width);
  auto sums = kernels::aligned_floats(phases * 16 * blocks);
  kernels::polyphase(padded.data(), padded.size(), weights.data(), width, first.data(), phases, orig, blocks,
                     sums.get());
  for (std::size_t i = 0; i < phases; ++i) {  // output j * phases + i from row i's sum j
    const float* row = sums.get() + i * 16 * blocks;
    for (std::size_t o = i, j = 0; o < out_len; o += phases, ++j) out[o] = row[j];
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
  const bool vectors = out_len / static_cast<std::size_t>(next) >= 64;
  for (int r = 0; r < s.shape.rows; ++r)
    (vectors ? resample_row_kernel : resample_row)(s.row(r), len, k, orig,
                                                   out.data() + static_cast<std::size_t>(r) * out_len, out_len);
  s.data = std::move(out);
  s.shape.cols = out_len;
}

}  // namespace auger::rt::audio
