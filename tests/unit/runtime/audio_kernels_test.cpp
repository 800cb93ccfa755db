// runtime/audio/kernels: the Halide kernels against the scalar formulas they vectorise.
#include "runtime/audio/kernels/audio_kernels.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "runtime/audio/resample.h"
#include "runtime/random/draw_stream.h"

using namespace auger;
using namespace auger::rt::audio;

namespace {

// add_noise's white noise as a scalar loop: Philox block k of the stream gives samples 4k .. 4k + 3.
std::vector<float> scalar_noise(std::uint64_t seed, std::size_t n) {
  const rng::DrawStream stream(seed, 0, "", "noise");
  std::vector<float> out(n);
  for (std::size_t k = 0; 4 * k < n; ++k) {
    const auto w = stream.block(static_cast<std::uint32_t>(k), 0);
    for (int p = 0; p < 2; ++p) {
      const double u1 = (static_cast<double>(w[2 * p] >> 8) + 1.0) * 0x1.0p-24;
      const double u2 = static_cast<double>(w[2 * p + 1]) * 0x1.0p-32;
      const double r = std::sqrt(-2.0 * std::log(u1)), a = 2 * M_PI * u2;
      const double v[2] = {r * std::cos(a), r * std::sin(a)};
      for (int i = 0; i < 2; ++i)
        if (4 * k + 2 * p + i < n) out[4 * k + 2 * p + i] = static_cast<float>(v[i]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("audio kernels: white noise is Philox block k's Box-Muller, at any length") {
  const std::uint64_t hash = rng::stream_hash(0, "", "noise");
  for (std::size_t n : {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{1000003}}) {
    std::vector<float> ours(n);
    kernels::white_noise(12345, hash, ours.data(), n);
    const auto want = scalar_noise(12345, n);
    double worst = 0;
    for (std::size_t i = 0; i < n; ++i) worst = std::max(worst, std::abs(double(ours[i]) - want[i]));
    CAPTURE(n);
    CHECK(worst < 2e-4);  // Halide's fast log, cos and sin
  }
  std::vector<float> a(100), b(37);  // a shorter call is the start of a longer one
  kernels::white_noise(7, hash, a.data(), a.size());
  kernels::white_noise(7, hash, b.data(), b.size());
  CHECK(std::equal(b.begin(), b.end(), a.begin()));
}

TEST_CASE("audio kernels: sum of squares, scale (gain) and mix") {
  for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{16}, std::size_t{1001}}) {
    std::vector<float> x(n), noise(n);
    double want = 0;
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = std::sin(0.1f * static_cast<float>(i));
      noise[i] = std::cos(0.37f * static_cast<float>(i));
      want += double(x[i]) * x[i];
    }
    CHECK(kernels::sum_squares(x.data(), n) == doctest::Approx(want).epsilon(1e-12));
    auto scaled = x;
    kernels::scale(scaled.data(), n, 0.7f);
    for (std::size_t i = 0; i < n; ++i) CHECK(scaled[i] == x[i] * 0.7f);
    auto mixed = x;
    kernels::mix(mixed.data(), noise.data(), n, 0.3);
    for (std::size_t i = 0; i < n; ++i) CHECK(mixed[i] == x[i] + static_cast<float>(0.3 * noise[i]));
  }
}

TEST_CASE("audio kernels: the mel bank sums each filter's bins, frame by frame, and its log") {
  const std::size_t frames = 37, blocks = 3, bins = 12, width = 3;  // 37 frames: the last block ragged
  const int n_mels = 4;
  const std::vector<float> weights = {0.5f, 1, 0.25f, 1, 0, 0, 0.3f, 0.6f, 0.9f, 2, 1, 0};
  const std::vector<std::int32_t> first = {0, 2, 5, 8};
  auto power = kernels::aligned_floats(blocks * bins * 16);
  for (std::size_t t = 0; t < frames; ++t)
    for (std::size_t k = 0; k < 10; ++k) power[(t / 16) * bins * 16 + k * 16 + t % 16] = float(t + 1) * float(k + 2);
  for (bool log : {false, true}) {
    auto out = kernels::aligned_floats(n_mels * blocks * 16);
    kernels::mel_bank(power.get(), blocks, bins, weights.data(), width, first.data(), n_mels, log, out.get());
    for (int m = 0; m < n_mels; ++m)
      for (std::size_t t = 0; t < frames; ++t) {
        float sum = 0;
        for (std::size_t r = 0; r < width; ++r)
          sum += weights[m * width + r] * power[(t / 16) * bins * 16 + (first[m] + r) * 16 + t % 16];
        const float want = log ? std::log(sum + 1e-6f) : sum;
        CAPTURE(m);
        CAPTURE(t);
        CHECK(out[m * blocks * 16 + t] == doctest::Approx(want).epsilon(1e-5));
      }
  }
}

TEST_CASE("audio kernels: resample gives the same sums for a long and a short input") {
  // 14.4 kHz -> 16 kHz (speed 0.9): outputs whose taps lie inside the short input are the same sums in the same
  // order, whatever the input's length (resample_lanes' blocks of phases and rows).
  Signal long_in = Signal::wave(1, 32000, 14400), short_in = Signal::wave(1, 500, 14400);
  for (std::size_t i = 0; i < 32000; ++i)
    long_in.data[i] = std::sin(0.013f * float(i)) + 0.3f * std::cos(0.7f * float(i));
  std::copy_n(long_in.data.begin(), 500, short_in.data.begin());
  resample_rows(long_in, 14400, 16000);
  resample_rows(short_in, 14400, 16000);
  REQUIRE(long_in.shape.cols == resampled_length(32000, 14400, 16000));
  for (std::size_t o = 0; o < 450; ++o) {
    CAPTURE(o);
    CHECK(long_in.data[o] == short_in.data[o]);
  }
}

TEST_CASE("audio kernels: the vocoder's polar form keeps the phase of bins too small to square in f32") {
  // A frame at the edge of digital silence has bins of 1e-25, whose squares underflow f32: taken as zero, their
  // phase (0) differed from torch's angle() (pi here) and the vocoder carried the error into every later frame.
  const std::vector<std::pair<float, float>> bins = {{-5.5560894e-25f, 1.655326e-27f}, {3e-30f, -4e-30f}, {0.0f, 0.0f},
                                                     {1.0f, 1.0f},     {-2e30f, 1e30f},  {0.0f, -7e-41f}, {-3.0f, 0.0f}};
  const std::size_t n = bins.size();
  auto in = kernels::aligned_floats(2 * n), mag = kernels::aligned_floats(n), re = kernels::aligned_floats(n),
       im = kernels::aligned_floats(n);
  for (std::size_t b = 0; b < n; ++b) in[2 * b] = bins[b].first, in[2 * b + 1] = bins[b].second;
  kernels::polar(in.get(), n, mag.get(), re.get(), im.get());
  for (std::size_t b = 0; b < n; ++b) {
    const double x = bins[b].first, y = bins[b].second, m = std::hypot(x, y);
    CAPTURE(b);
    CHECK(mag[b] == doctest::Approx(m).epsilon(1e-6));
    CHECK(re[b] == doctest::Approx(m > 0 ? x / m : 1.0).epsilon(1e-6));  // a zero bin: angle 0, as torch's
    CHECK(im[b] == doctest::Approx(m > 0 ? y / m : 0.0).epsilon(1e-6));
  }
}
