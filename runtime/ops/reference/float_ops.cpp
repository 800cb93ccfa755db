// Float-image ops (ops.md §2): to_float (ConvertImageDtype), normalize (F.normalize) and gaussian_noise (formula).
#include <algorithm>

#include "runtime/ops/reference/pixel_common.h"
#include "runtime/ops/torch_compat/color_rules.h"

namespace auger::rt::pixel {

namespace {

// --- to_float ---------------------------------------------------------------------------------------------------

Shape resolve_to_float(Args&, const Shape& in, const rng::DrawStream&) {
  Shape out = in;
  out.elem = Elem::F32;
  return out;
}

void apply_to_float(const Args&, Image& img) {
  if (!img.is_u8()) return;  // convert_image_dtype returns an image already of the dtype unchanged
  Image out = Image::make_f32(img.c(), img.h(), img.w());
  for (std::size_t i = 0; i < img.u8.size(); ++i) out.f32[i] = torch_compat::u8_to_unit(img.u8[i]);
  img = std::move(out);
}

// --- normalize --------------------------------------------------------------------------------------------------

Shape resolve_normalize(Args& args, const Shape& in, const rng::DrawStream&) {
  require_f32("normalize", in);
  per_channel("normalize", args, "mean", in.c, 0);
  for (double s : per_channel("normalize", args, "std", in.c, 1))
    if (static_cast<float>(s) == 0.0f) fail("normalize", "every std must be non-zero");
  return in;
}

void apply_normalize(const Args& args, Image& img) {
  const auto mean = per_channel("normalize", args, "mean", img.c(), 0);
  const auto std_ = per_channel("normalize", args, "std", img.c(), 1);
  const std::size_t n = static_cast<std::size_t>(img.h()) * static_cast<std::size_t>(img.w());
  for (int ch = 0; ch < img.c(); ++ch) {
    // mean and std become f32 tensors first; then sub_ and div_ in f32.
    const float m = static_cast<float>(mean[static_cast<std::size_t>(ch)]);
    const float s = static_cast<float>(std_[static_cast<std::size_t>(ch)]);
    float* p = img.f32.data() + static_cast<std::size_t>(ch) * n;
    for (std::size_t i = 0; i < n; ++i) p[i] = (p[i] - m) / s;
  }
}

// --- gaussian_noise ---------------------------------------------------------------------------------------------

// The noise seed is the op's only draw; apply() expands it into one N(0, 1) value per element.
constexpr std::uint32_t kNoiseSeed = kOpDrawBase;

Shape resolve_gaussian_noise(Args& args, const Shape& in, const rng::DrawStream& draws) {
  require_f32("gaussian_noise", in);
  if (!(args.number("std", 0) >= 0)) fail("gaussian_noise", "std must be non-negative");
  if (!args.has("seed")) args.set("seed", ArgValue::num(static_cast<double>(draw_seed(draws, kNoiseSeed)), true));
  return in;
}

// out[k] = x[k] + std * z_k with z_k = noise_stream(seed).normal(k, 0, 1), k the flat CHW index (c * H + y) * W + x;
// clamped to [0, 1] when `clip`. The sum is f32, with std * z_k rounded to f32 first.
void apply_gaussian_noise(const Args& args, Image& img) {
  if (img.is_u8()) fail("gaussian_noise", "needs an f32 image; apply to_float() first");
  const double sd = args.number("std", 0);
  const bool clip = args.flag("clip", true);
  const auto noise = noise_stream(static_cast<std::uint64_t>(args.number("seed")));
  for (std::size_t k = 0; k < img.f32.size(); ++k) {
    float v = img.f32[k] + static_cast<float>(sd * noise.normal(static_cast<std::uint32_t>(k), 0.0, 1.0));
    if (clip) v = std::clamp(v, 0.0f, 1.0f);
    img.f32[k] = v;
  }
}

}  // namespace

std::vector<ImageOp> float_ops() {
  return {
      {OpId::ToFloat, resolve_to_float, apply_to_float},
      {OpId::Normalize, resolve_normalize, apply_normalize},
      {OpId::GaussianNoise, resolve_gaussian_noise, apply_gaussian_noise},
  };
}

}  // namespace auger::rt::pixel
