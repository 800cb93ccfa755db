// Per-value and per-histogram ops (ops.md §2): invert, posterize, solarize, autocontrast, equalize, as
// torchvision 0.14's tensor backend. posterize and equalize are u8-only there and here.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "runtime/ops/reference/pixel_common.h"
#include "runtime/ops/torch_compat/color_rules.h"

namespace auger::rt::pixel {

namespace {

std::size_t plane_size(const Image& img) {
  return static_cast<std::size_t>(img.h()) * static_cast<std::size_t>(img.w());
}

Shape resolve_any(std::string_view op, const Shape& in) {
  require_channels(op, in, true, true);
  return in;
}

// --- invert / posterize / solarize -------------------------------------------------------------------------------

void apply_invert(const Args&, Image& img) {
  for (auto& x : img.u8) x = static_cast<std::uint8_t>(255 - x);
  for (auto& x : img.f32) x = 1.0f - x;
}

int bits_arg(const Args& args) {
  const int bits = args.integer("bits", 8);
  if (bits < 0 || bits > 8) fail("posterize", "bits must lie in 0..8");
  return bits;
}

Shape resolve_posterize(Args& args, const Shape& in, const rng::DrawStream&) {
  require_u8("posterize", in);
  bits_arg(args);
  return resolve_any("posterize", in);
}

void apply_posterize(const Args& args, Image& img) {
  // `img & -int(2 ** (8 - bits))`: the mask keeps the top `bits` bits.
  const auto mask = static_cast<std::uint8_t>(-(1 << (8 - bits_arg(args))));
  for (auto& x : img.u8) x &= mask;
}

Shape resolve_solarize(Args& args, const Shape& in, const rng::DrawStream&) {
  const double t = args.number("threshold", 128);
  if (t > (in.elem == Elem::U8 ? 255 : 1)) fail("solarize", "threshold should be less than the image's bound");
  return resolve_any("solarize", in);
}

void apply_solarize(const Args& args, Image& img) {
  // `img >= threshold` compares in f32: the Python float becomes an f32 scalar against the uint8 tensor.
  const float t = static_cast<float>(args.number("threshold", 128));
  for (auto& x : img.u8)
    if (static_cast<float>(x) >= t) x = static_cast<std::uint8_t>(255 - x);
  for (auto& x : img.f32)
    if (x >= t) x = 1.0f - x;
}

// --- autocontrast -----------------------------------------------------------------------------------------------

void apply_autocontrast(const Args&, Image& img) {
  const float bound = bound_of(img);
  const std::size_t n = plane_size(img);
  for (int ch = 0; ch < img.c(); ++ch) {
    const std::size_t base = static_cast<std::size_t>(ch) * n;
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (std::size_t i = 0; i < n; ++i) {
      const float v = img.is_u8() ? static_cast<float>(img.u8[base + i]) : img.f32[base + i];
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    float scale = torch_compat::autocontrast_scale(lo, hi, bound);
    if (!std::isfinite(scale)) {
      lo = 0;
      scale = 1;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (img.is_u8()) {
        img.u8[base + i] = trunc_u8((static_cast<float>(img.u8[base + i]) - lo) * scale);
      } else {
        img.f32[base + i] = std::clamp((img.f32[base + i] - lo) * scale, 0.0f, bound);
      }
    }
  }
}

// --- equalize ---------------------------------------------------------------------------------------------------

// torchvision's `_scale_channel`, in the same integer arithmetic (its bincount histogram is int64).
void equalize_channel(std::uint8_t* px, std::size_t n) {
  std::array<std::int64_t, 256> hist{};
  for (std::size_t i = 0; i < n; ++i) ++hist[px[i]];
  const auto lut = torch_compat::equalize_lut(hist);
  if (!lut) return;  // step 0: the channel unchanged
  for (std::size_t i = 0; i < n; ++i) px[i] = (*lut)[px[i]];
}

Shape resolve_equalize(Args&, const Shape& in, const rng::DrawStream&) {
  require_u8("equalize", in);
  return resolve_any("equalize", in);
}

void apply_equalize(const Args&, Image& img) {
  const std::size_t n = plane_size(img);
  for (int ch = 0; ch < img.c(); ++ch) equalize_channel(img.u8.data() + static_cast<std::size_t>(ch) * n, n);
}

}  // namespace

std::vector<ImageOp> histogram_ops() {
  return {
      {OpId::Invert, [](Args&, const Shape& in, const rng::DrawStream&) { return resolve_any("invert", in); },
       apply_invert},
      {OpId::Posterize, resolve_posterize, apply_posterize},
      {OpId::Solarize, resolve_solarize, apply_solarize},
      {OpId::Autocontrast, [](Args&, const Shape& in, const rng::DrawStream&) { return resolve_any("autocontrast", in); },
       apply_autocontrast},
      {OpId::Equalize, resolve_equalize, apply_equalize},
  };
}

}  // namespace auger::rt::pixel
