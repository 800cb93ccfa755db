// Shared pieces of the colour and pixel reference ops (ops.md §2): torchvision 0.14's value conversions, argument
// checks and the families that pixel.cpp joins into pixel_ops().
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/ops/image_op.h"
#include "runtime/ops/torch_compat/pixel_rules.h"

namespace auger::rt::pixel {

// The families, one file each.
std::vector<ImageOp> color_ops();      // brightness, contrast, saturation, hue, grayscale, gamma (color.cpp)
std::vector<ImageOp> histogram_ops();  // invert, posterize, solarize, autocontrast, equalize (histogram_ops.cpp)
std::vector<ImageOp> filter_ops();     // sharpness, gaussian_blur (filters.cpp)
std::vector<ImageOp> erase_ops();      // cutout, random_erasing (erase.cpp)
std::vector<ImageOp> float_ops();      // to_float, normalize, gaussian_noise (float_ops.cpp)

// torchvision's `.clamp(0, 255).to(torch.uint8)`: the cast truncates toward zero.
inline std::uint8_t trunc_u8(float v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f));
}

// torchvision's `_cast_squeeze_out` for u8: torch.round (half to even) before the cast.
using torch_compat::round_u8;

// The value range torchvision assumes for a dtype: 255 for u8, 1 for floats.
inline float bound_of(const Image& img) {
  return img.is_u8() ? 255.0f : 1.0f;
}

// Errors in an op's own words, so `auger apply` can say which op refused which image.
[[noreturn]] void fail(std::string_view op, const std::string& why);
void require_u8(std::string_view op, const Shape& in);
void require_f32(std::string_view op, const Shape& in);
void require_channels(std::string_view op, const Shape& in, bool one_ok, bool three_ok);

// The resolve of a deterministic op that keeps the shape.
Shape keep_shape(Args& args, const Shape& in, const rng::DrawStream& draws);

// A per-channel argument (a number, or a list of one value or one per channel), expanded to `c` values.
std::vector<double> per_channel(std::string_view op, const Args& args, const std::string& name, int c, double fallback);

// A 53-bit seed drawn at `index`: exact as a double, so it survives the Args/JSON round trip.
std::uint64_t draw_seed(const rng::DrawStream& draws, std::uint32_t index);

// The stream an op's per-element noise comes from: DrawStream(seed, epoch 0, key "", site "noise");
// element k takes normal(k, 0, 1).
rng::DrawStream noise_stream(std::uint64_t seed);

// torchvision's `_get_gaussian_kernel1d` in f32 (gaussian_blur's taps; filters.cpp). The fused path uses it too.
std::vector<float> gaussian_kernel(int size, double sigma);

// A value in the image's own scale written into a u8 image: clamped, then truncated (torch's float→u8 copy).
inline std::uint8_t store_u8(double v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
}

}  // namespace auger::rt::pixel
