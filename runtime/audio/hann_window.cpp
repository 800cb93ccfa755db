#include "runtime/audio/hann_window.h"

#include <sleef.h>

#include <numbers>

namespace auger::rt::audio {

std::vector<float> hann_window(std::size_t n) {
  std::vector<float> w(n);
  // torch: arange(n) * (2 pi / n) with the factor rounded to f32 (a double Scalar on a float tensor), cos_,
  // mul_(-0.5), add_(0.5).
  const auto step = static_cast<float>(2.0 * std::numbers::pi / static_cast<double>(n));
  for (std::size_t k = 0; k < n; ++k) w[k] = Sleef_cosf_u10(static_cast<float>(k) * step) * -0.5f + 0.5f;
  return w;
}

}  // namespace auger::rt::audio
