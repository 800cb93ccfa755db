// runtime/audio/sinc_kernel and resample_lanes: torchaudio's kernel formula, tap by tap, and the lanes' sums against
// the plain loop over each phase's taps (nearly coprime rates as pitch_shift's, speed's, decoding's).
#include "runtime/audio/resample.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

#include "runtime/audio/resample_lanes.h"
#include "runtime/audio/sinc_kernel.h"

using namespace auger::rt::audio;

namespace {

// torchaudio 0.13's _get_sinc_resample_kernel, one weight, in double (as written there, clamping t to the window).
double torch_weight(std::int64_t i, std::int64_t j, std::int64_t orig, std::int64_t next) {
  const double base = static_cast<double>(std::min(orig, next)) * 0.99;
  const auto width = static_cast<std::int64_t>(std::ceil(6 * static_cast<double>(orig) / base));
  double t = (-static_cast<double>(i) / static_cast<double>(next) +
              static_cast<double>(j - width) / static_cast<double>(orig)) *
             base;
  t = std::clamp(t, -6.0, 6.0);
  const double window = std::pow(std::cos(t * std::numbers::pi / 6 / 2), 2);
  t *= std::numbers::pi;
  return (t == 0 ? 1.0 : std::sin(t) / t) * window * base / static_cast<double>(orig);
}

}  // namespace

TEST_CASE("sinc kernel: every tap is torchaudio's weight, and taps outside a phase's run are 0 in float") {
  // speed 0.9 and 1.1, resample 16 -> 22.05 kHz, pitch_shift's +3 and -4 semitones from 16 kHz.
  const std::int64_t pairs[][2] = {{9, 10}, {11, 10}, {320, 441}, {19027, 16000}, {12699, 16000}};
  for (const auto& p : pairs) {
    const SincKernel k = sinc_kernel(p[0], p[1]);
    CAPTURE(p[0]);
    CAPTURE(p[1]);
    REQUIRE(k.taps == 2 * k.width + k.orig);
    std::vector<TapRun> runs(static_cast<std::size_t>(k.next));
    k.runs(0, k.next, runs.data());                                      // stepped from phase 0's
    const std::int64_t stride = std::max<std::int64_t>(1, k.next / 97);  // ~100 phases of the large kernels
    for (std::int64_t i = 0; i < k.next; i += stride) {
      const TapRun r = runs[static_cast<std::size_t>(i)];
      CHECK(r.count() > 0);
      for (std::int64_t j = 0; j < k.taps; ++j) {
        const double want = torch_weight(i, j, k.orig, k.next);
        if (j < r.lo || j > r.hi) {
          CHECK(static_cast<float>(want) == 0.0f);
          continue;
        }
        const float got = k.at(k.m(i, j));
        CAPTURE(i);
        CAPTURE(j);
        CHECK(std::abs(got - want) <= 1e-7 * std::abs(want) + 1e-10);
      }
    }
  }
}

TEST_CASE("resample: every output is the scalar loop's sum over its phase's taps, bit for bit") {
  // pitch_shift's +3 semitones (19027 -> 16000, coprime), speed 0.9 (14400 -> 16000: 9 -> 10), decoding 48 kHz
  // (3 -> 1: one phase) and resample to 22.05 kHz (320 -> 441).
  const std::int64_t rates[][2] = {{19027, 16000}, {14400, 16000}, {48000, 16000}, {16000, 22050}};
  for (const auto& rate : rates) {
    CAPTURE(rate[0]);
    CAPTURE(rate[1]);
    const std::size_t len = 20011;
    Signal s = Signal::wave(1, len, static_cast<double>(rate[0]));
    for (std::size_t i = 0; i < len; ++i) s.data[i] = std::sin(0.013f * float(i)) + 0.3f * std::cos(0.7f * float(i));
    const std::vector<float> in = s.data;
    resample_rows(s, rate[0], rate[1]);
    const std::int64_t g = std::gcd(rate[0], rate[1]);
    const SincKernel k = sinc_kernel(rate[0] / g, rate[1] / g);
    REQUIRE(s.shape.cols == resampled_length(len, rate[0], rate[1]));
    std::vector<float> padded(len + static_cast<std::size_t>(k.taps), 0.0f);
    std::copy(in.begin(), in.end(), padded.begin() + k.width);
    std::vector<TapRun> runs(static_cast<std::size_t>(k.next));
    k.runs(0, k.next, runs.data());
    std::size_t same = 0;
    for (std::size_t o = 0; o < s.shape.cols; ++o) {
      const auto j = static_cast<std::int64_t>(o) / k.next, i = static_cast<std::int64_t>(o) % k.next;
      const TapRun r = runs[static_cast<std::size_t>(i)];
      float acc = 0;
      for (std::int64_t t = r.lo; t <= r.hi; ++t)
        acc += padded[static_cast<std::size_t>(j * k.orig + t)] * k.at(k.m(i, t));
      same += s.data[o] == acc;
    }
    CHECK(same == s.shape.cols);
  }
}

TEST_CASE("resample lanes: the SSE loop gives the AVX2 loop's bits") {
  // 17448 -> 16000 Hz reduced (pitch_shift's +1.5 semitones): 2000 phases, a dozen outputs each.
  const SincKernel k = sinc_kernel(2181, 2000);
  const std::size_t len = 30000, out_len = resampled_length(len, 2181, 2000);
  std::vector<float> padded(len + static_cast<std::size_t>(k.taps), 0.0f);
  for (std::size_t i = 0; i < len; ++i) padded[static_cast<std::size_t>(k.width) + i] = std::sin(0.05f * float(i));
  std::vector<float> avx2(out_len), sse(out_len);
  resample_lanes(padded.data(), k, avx2.data(), out_len);
  resample_lanes(padded.data(), k, sse.data(), out_len, false);
  CHECK(avx2 == sse);
  CHECK(std::any_of(avx2.begin(), avx2.end(), [](float v) { return std::abs(v) > 0.5f; }));
}
