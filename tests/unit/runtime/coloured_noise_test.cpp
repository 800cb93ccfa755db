// runtime/audio/coloured_noise: the block-form filters against the recurrences they compute, run sample by sample.
#include "runtime/audio/coloured_noise.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/random/draw_stream.h"

using namespace auger;
using namespace auger::rt::audio;

namespace {

// Paul Kellet's refined pinking filter and brown's leaky integrator, in double, from rest.
std::vector<double> scalar_filter(const float* x, std::size_t n, NoiseColor color) {
  std::vector<double> y(n);
  if (color == NoiseColor::Brown) {
    double s = 0;
    for (std::size_t t = 0; t < n; ++t) y[t] = s = 0.9996 * s + x[t];
    return y;
  }
  double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double w = x[t];
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.96900 * b2 + w * 0.1538520;
    b3 = 0.86650 * b3 + w * 0.3104856;
    b4 = 0.55000 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.0168980;
    y[t] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  return y;
}

}  // namespace

TEST_CASE("coloured noise: each channel is its white values filtered from rest, the warm-up cut off") {
  const std::uint64_t hash = rng::stream_hash(0, "", "noise");
  for (NoiseColor color : {NoiseColor::Pink, NoiseColor::Brown}) {
    for (int channels : {1, 2}) {
      for (std::size_t n : {std::size_t{1}, std::size_t{17}, std::size_t{40000}}) {
        CAPTURE(static_cast<int>(color));
        CAPTURE(channels);
        CAPTURE(n);
        const std::size_t w = noise_warmup(color), span = w + n;
        std::vector<float> white(channels * span), ours(channels * n + 16);
        kernels::white_noise(99, hash, white.data(), white.size());
        coloured_noise(99, hash, channels, n, color, ours.data());
        double worst = 0, power = 0;
        for (int c = 0; c < channels; ++c) {
          const auto want = scalar_filter(white.data() + c * span, span, color);
          for (std::size_t t = 0; t < n; ++t) {
            worst = std::max(worst, std::abs(ours[c * n + t] - want[w + t]));
            power += want[w + t] * want[w + t];
          }
        }
        CHECK(worst < 1e-4 * std::sqrt(power / static_cast<double>(channels * n)) + 1e-6);
        std::vector<float> again(channels * n + 16);
        coloured_noise(99, hash, channels, n, color, again.data());
        CHECK(std::equal(again.begin(), again.begin() + static_cast<std::ptrdiff_t>(channels * n), ours.begin()));
      }
    }
  }
}
