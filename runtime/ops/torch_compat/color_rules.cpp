// Each rule moved here unchanged from the reference ops, operation for operation.
#include "runtime/ops/torch_compat/color_rules.h"

#include <algorithm>
#include <cmath>

#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma

namespace auger::rt::torch_compat {

BlendWeights blend_weights(double ratio) {
  return {static_cast<float>(ratio), static_cast<float>(1.0 - ratio)};
}

float blend(float x, float other, BlendWeights w, float bound) {
  const float p = w.ratio * x;
  const float q = w.rest * other;
  return std::clamp(p + q, 0.0f, bound);
}

float gray_luma(float r, float g, float b) {
  return (0.2989f * r + 0.587f * g) + 0.114f * b;
}

std::uint8_t gray_luma_u8(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  return static_cast<std::uint8_t>(gray_luma(static_cast<float>(r), static_cast<float>(g), static_cast<float>(b)));
}

float u8_to_unit(std::uint8_t v) {
  return static_cast<float>(v) / 255.0f;
}

std::uint8_t unit_to_u8(float v) {
  const float to_u8 = static_cast<float>(255.0 + 1.0 - 1e-3);
  return static_cast<std::uint8_t>(v * to_u8);
}

float pow_tensor_scalar(float x, float e) {
  if (e == 2.0f) return x * x;
  if (e == 3.0f) return x * x * x;
  if (e == 0.5f) return std::sqrt(x);
  return std::pow(x, e);
}

float adjust_gamma(float x, float gamma, float gain) {
  return std::clamp(gain * pow_tensor_scalar(x, gamma), 0.0f, 1.0f);
}

std::uint8_t adjust_gamma_u8(std::uint8_t v, float gamma, float gain) {
  return unit_to_u8(adjust_gamma(u8_to_unit(v), gamma, gain));
}

float autocontrast_scale(float lo, float hi, float bound) {
  return (1.0f / (hi - lo)) * bound;
}

std::int64_t equalize_step(const std::array<std::int64_t, 256>& hist) {
  std::int64_t nonzero_sum = 0, last_nonzero = 0;
  for (std::int64_t h : hist)
    if (h != 0) {
      nonzero_sum += h;
      last_nonzero = h;
    }
  return (nonzero_sum - last_nonzero) / 255;
}

std::optional<std::array<std::uint8_t, 256>> equalize_lut(const std::array<std::int64_t, 256>& hist) {
  const std::int64_t step = equalize_step(hist);
  if (step == 0) return std::nullopt;
  std::array<std::uint8_t, 256> lut{};
  std::int64_t cum = 0;
  for (int v = 0; v < 255; ++v) {
    cum += hist[static_cast<std::size_t>(v)];
    lut[static_cast<std::size_t>(v) + 1] =
        static_cast<std::uint8_t>(std::clamp<std::int64_t>((cum + step / 2) / step, 0, 255));
  }
  return lut;
}

}  // namespace auger::rt::torch_compat
