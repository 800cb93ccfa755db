// Torch-compat scalar rules of the colour and histogram ops (torchvision 0.14's functional_tensor on torch 1.13):
// the one definition that the reference ops (runtime/ops/reference/color.cpp, filters.cpp, histogram_ops.cpp,
// float_ops.cpp) and the fused host side (runtime/fused/channel_tables.cpp, prepare_steps.cpp) both call, so the two
// agree by construction. The Halide steps (runtime/fused/halide_steps.cpp) and AVX-512 loops that vectorise a rule
// cannot call a scalar function; their comments name the rule they repeat.
// color_rules.cpp is compiled without implicit contraction (no_fp_contract.h).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace auger::rt::torch_compat {

// torchvision's `_blend(img, other, ratio)`: `(ratio * img + (1.0 - ratio) * other).clamp(0, bound)`. The weights
// are f32: `ratio` rounded, and `1.0 - ratio` taken in double (a Python float) before it meets the f32 tensor.
struct BlendWeights {
  float ratio = 1.0f, rest = 0.0f;
};
BlendWeights blend_weights(double ratio);
// One value: the product with the pixel, the product with `other`, their sum, clamped to [0, bound] (255 for u8,
// whose `.to(uint8)` then truncates: static_cast; 1 for floats).
float blend(float x, float other, BlendWeights w, float bound);

// rgb_to_grayscale's luma `0.2989 * r + 0.587 * g + 0.114 * b`: f32 products summed left to right. On a u8 tensor
// `.to(uint8)` truncates it: gray_luma_u8.
float gray_luma(float r, float g, float b);
std::uint8_t gray_luma_u8(std::uint8_t r, std::uint8_t g, std::uint8_t b);

// convert_image_dtype(uint8 → float32) and ToTensor's `image.to(float32) / 255`: a true f32 division (a product
// with 1/255 differs in the last bit for some values).
float u8_to_unit(std::uint8_t v);

// convert_image_dtype(float32 → uint8): `image.mul(255 + 1.0 - 1e-3).to(uint8)`, the factor a Python float rounded
// to f32, the product truncated. `v` must lie in [0, 1].
std::uint8_t unit_to_u8(float v);

// torch's `tensor ** scalar` (pow_tensor_scalar_optimized_kernel): x*x, x*x*x and sqrt for the exponents 2, 3 and
// 0.5; any other exponent is a float pow.
float pow_tensor_scalar(float x, float e);

// F_t.adjust_gamma on a float value: `(gain * img ** gamma).clamp(0, 1)`.
float adjust_gamma(float x, float gamma, float gain);
// F_t.adjust_gamma on a u8 value: convert_image_dtype to float, the float rule, convert_image_dtype back.
std::uint8_t adjust_gamma_u8(std::uint8_t v, float gamma, float gain);

// F_t.autocontrast's `scale = bound / (maximum - minimum)`: Tensor.__rtruediv__, i.e. reciprocal() * bound, two f32
// roundings (not finite for a flat channel, which the caller then leaves alone).
float autocontrast_scale(float lo, float hi, float bound);

// F_t._scale_channel (equalize) on a channel's int64 histogram: step = (sum of the non-zero bins but the last non-zero
// one) // 255; the lookup table (cumsum(hist) + step // 2) // step shifted right by one entry (lut[0] = 0), clamped to
// [0, 255]. std::nullopt when step is 0 (torchvision returns the channel unchanged).
std::int64_t equalize_step(const std::array<std::int64_t, 256>& hist);
std::optional<std::array<std::uint8_t, 256>> equalize_lut(const std::array<std::int64_t, 256>& hist);

}  // namespace auger::rt::torch_compat
