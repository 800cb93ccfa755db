// Colour ops (ops.md §2): brightness, contrast, saturation, hue, grayscale, gamma — torchvision 0.14's tensor
// backend step by step in f32, so that its roundings (and its truncating `.to(uint8)`) are reproduced, not
// approximated. u8 images use the 0..255 scale; f32 images the 0..1 scale, as torchvision.
#include <algorithm>
#include <cmath>

#include "runtime/ops/reference/pixel_common.h"
#include "runtime/ops/torch_compat/color_rules.h"

namespace auger::rt::pixel {

namespace {

float value(const Image& img, std::size_t i) {
  return img.is_u8() ? static_cast<float>(img.u8[i]) : img.f32[i];
}

std::size_t plane_size(const Image& img) {
  return static_cast<std::size_t>(img.h()) * static_cast<std::size_t>(img.w());
}

// The luma plane as torchvision computes it: `.to(img.dtype)` truncates it for u8 images. A 1-channel image is its
// own luma (torchvision clones it).
std::vector<float> gray_plane(const Image& img) {
  const std::size_t n = plane_size(img);
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (img.c() == 1) {
      out[i] = value(img, i);
      continue;
    }
    const float l = torch_compat::gray_luma(value(img, i), value(img, n + i), value(img, 2 * n + i));
    out[i] = img.is_u8() ? static_cast<float>(static_cast<std::uint8_t>(l)) : l;
  }
  return out;
}

// torchvision's `_blend(img, other, ratio)` (torch_compat::blend), truncated for u8.
template <class Other>
void blend(Image& img, double ratio, Other other) {
  const torch_compat::BlendWeights wt = torch_compat::blend_weights(ratio);
  const float bound = bound_of(img);
  const std::size_t n = plane_size(img);
  for (int ch = 0; ch < img.c(); ++ch)
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = static_cast<std::size_t>(ch) * n + i;
      const float v = torch_compat::blend(value(img, k), other(ch, i), wt, bound);
      if (img.is_u8())
        img.u8[k] = static_cast<std::uint8_t>(v);
      else
        img.f32[k] = v;
    }
}

double factor_arg(std::string_view op, const Args& args) {
  const double f = args.number("factor", 1.0);
  if (!(f >= 0)) fail(op, "factor must be non-negative");
  return f;
}

// --- brightness / contrast / saturation -----------------------------------------------------------------------

Shape resolve_blend(std::string_view op, Args& args, const Shape& in) {
  require_channels(op, in, true, true);
  factor_arg(op, args);
  return in;
}

void apply_brightness(const Args& args, Image& img) {
  blend(img, factor_arg("brightness", args), [](int, std::size_t) { return 0.0f; });
}

void apply_contrast(const Args& args, Image& img) {
  // The mean of the (truncated) luma in f32; a double sum keeps it exact for u8 images of any size, which is what
  // torch's f32 cascade sum gives on images of realistic sizes.
  const auto gray = gray_plane(img);
  double sum = 0;
  for (float g : gray) sum += g;
  const float mean = static_cast<float>(sum / static_cast<double>(gray.size()));
  blend(img, factor_arg("contrast", args), [mean](int, std::size_t) { return mean; });
}

void apply_saturation(const Args& args, Image& img) {
  if (img.c() == 1) return;  // torchvision: "Match PIL behaviour"
  const auto gray = gray_plane(img);
  blend(img, factor_arg("saturation", args), [&gray](int, std::size_t i) { return gray[i]; });
}

// --- hue ------------------------------------------------------------------------------------------------------

// torchvision's `_rgb2hsv`, shift, `_hsv2rgb` on one pixel, each tensor op as one f32 operation. The masked sums
// of the reference (`(maxc == r) * (bc - gc) + …`) add exact zeros, so selecting the one live term is identical.
void hue_pixel(float r, float g, float b, float shift, float out[3]) {
  const float maxc = std::max({r, g, b}), minc = std::min({r, g, b});
  const bool eqc = maxc == minc;
  const float cr = maxc - minc;
  const float s = cr / (eqc ? 1.0f : maxc);
  const float div = eqc ? 1.0f : cr;
  const float rc = (maxc - r) / div, gc = (maxc - g) / div, bc = (maxc - b) / div;
  float h;
  if (maxc == r)
    h = bc - gc;
  else if (maxc == g)
    h = 2.0f + rc - bc;
  else
    h = 4.0f + gc - rc;
  h = std::fmod(h / 6.0f + 1.0f, 1.0f);
  // `(h + hue_factor) % 1.0`: torch's remainder takes the divisor's sign.
  h = std::fmod(h + shift, 1.0f);
  if (h != 0 && h < 0) h += 1.0f;

  const float v = maxc;
  const float fi = std::floor(h * 6.0f);
  const float f = h * 6.0f - fi;
  const int i = static_cast<int>(fi) % 6;
  const float p = std::clamp(v * (1.0f - s), 0.0f, 1.0f);
  const float q = std::clamp(v * (1.0f - s * f), 0.0f, 1.0f);
  const float t = std::clamp(v * (1.0f - s * (1.0f - f)), 0.0f, 1.0f);
  const float table[6][3] = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
  for (int k = 0; k < 3; ++k) out[k] = table[i][k];
}

Shape resolve_hue(Args& args, const Shape& in, const rng::DrawStream&) {
  require_channels("hue", in, true, true);
  const double shift = args.number("shift");
  if (!(shift >= -0.5 && shift <= 0.5)) fail("hue", "shift must lie in [-0.5, 0.5]");
  return in;
}

void apply_hue(const Args& args, Image& img) {
  if (img.c() == 1) return;  // torchvision: "Match PIL behaviour"
  const float shift = static_cast<float>(args.number("shift"));
  const std::size_t n = plane_size(img);
  for (std::size_t i = 0; i < n; ++i) {
    float rgb[3], out[3];
    for (int k = 0; k < 3; ++k) rgb[k] = img.is_u8() ? torch_compat::u8_to_unit(img.u8[k * n + i]) : img.f32[k * n + i];
    hue_pixel(rgb[0], rgb[1], rgb[2], shift, out);
    for (int k = 0; k < 3; ++k) {
      if (img.is_u8())
        img.u8[k * n + i] = static_cast<std::uint8_t>(out[k] * 255.0f);
      else
        img.f32[k * n + i] = out[k];
    }
  }
}

// --- grayscale ------------------------------------------------------------------------------------------------

int channels_arg(const Args& args) {
  const int c = args.integer("channels", 3);
  if (c != 1 && c != 3) fail("grayscale", "channels must be 1 or 3");
  return c;
}

Shape resolve_grayscale(Args& args, const Shape& in, const rng::DrawStream&) {
  require_channels("grayscale", in, true, true);
  Shape out = in;
  // `l_img.expand(img.shape)`: a 1-channel image stays 1-channel whatever `channels` says.
  if (channels_arg(args) == 1) out.c = 1;
  return out;
}

void apply_grayscale(const Args& args, Image& img) {
  const int c_out = channels_arg(args) == 1 ? 1 : img.c();
  const auto gray = gray_plane(img);
  const std::size_t n = gray.size();
  Image out = img.is_u8() ? Image::make_u8(c_out, img.h(), img.w()) : Image::make_f32(c_out, img.h(), img.w());
  for (int ch = 0; ch < c_out; ++ch)
    for (std::size_t i = 0; i < n; ++i) {
      if (out.is_u8())
        out.u8[ch * n + i] = static_cast<std::uint8_t>(gray[i]);
      else
        out.f32[ch * n + i] = gray[i];
    }
  img = std::move(out);
}

// --- gamma ----------------------------------------------------------------------------------------------------

Shape resolve_gamma(Args& args, const Shape& in, const rng::DrawStream&) {
  require_channels("gamma", in, true, true);
  if (!(args.number("g", 1.0) >= 0)) fail("gamma", "g must be non-negative");
  return in;
}

void apply_gamma(const Args& args, Image& img) {
  const float g = static_cast<float>(args.number("g", 1.0));
  const float gain = static_cast<float>(args.number("gain", 1.0));
  // u8 goes through convert_image_dtype both ways (torch_compat::adjust_gamma_u8).
  if (img.is_u8()) {
    for (auto& x : img.u8) x = torch_compat::adjust_gamma_u8(x, g, gain);
  } else {
    for (auto& x : img.f32) x = torch_compat::adjust_gamma(x, g, gain);
  }
}

}  // namespace

std::vector<ImageOp> color_ops() {
  return {
      {OpId::Brightness,
       [](Args& a, const Shape& in, const rng::DrawStream&) { return resolve_blend("brightness", a, in); },
       apply_brightness},
      {OpId::Contrast, [](Args& a, const Shape& in, const rng::DrawStream&) { return resolve_blend("contrast", a, in); },
       apply_contrast},
      {OpId::Saturation,
       [](Args& a, const Shape& in, const rng::DrawStream&) { return resolve_blend("saturation", a, in); },
       apply_saturation},
      {OpId::Hue, resolve_hue, apply_hue},
      {OpId::Grayscale, resolve_grayscale, apply_grayscale},
      {OpId::Gamma, resolve_gamma, apply_gamma},
  };
}

}  // namespace auger::rt::pixel
