// Convolution ops (ops.md §2): sharpness and gaussian_blur, as torchvision 0.14's tensor backend.
#include <algorithm>
#include <cmath>

#include "runtime/ops/reference/pixel_common.h"
#include "runtime/ops/torch_compat/color_rules.h"

namespace auger::rt::pixel {

namespace {

std::size_t plane_size(const Image& img) {
  return static_cast<std::size_t>(img.h()) * static_cast<std::size_t>(img.w());
}

float value(const Image& img, std::size_t i) {
  return img.is_u8() ? static_cast<float>(img.u8[i]) : img.f32[i];
}

// --- sharpness ------------------------------------------------------------------------------------------------

double sharpness_factor(const Args& args) {
  const double f = args.number("factor", 1.0);
  if (!(f >= 0)) fail("sharpness", "factor must be non-negative");
  return f;
}

Shape resolve_sharpness(Args& args, const Shape& in, const rng::DrawStream&) {
  require_channels("sharpness", in, true, true);
  sharpness_factor(args);
  return in;
}

// torchvision's `_blurred_degenerate_image`: the interior convolved with [[1,1,1],[1,5,1],[1,1,1]] / 13, the
// one-pixel border kept. On u8 the f32 convolution is rounded half to even; the exact value is n / 13 for an
// integer n, never within 0.038 of a tie, so integer rounding (n + 6) / 13 gives torch's result exactly.
std::vector<float> degenerate(const Image& img) {
  const int h = img.h(), w = img.w();
  const std::size_t n = plane_size(img);
  std::vector<float> out(static_cast<std::size_t>(img.c()) * n);
  const float k_side = 1.0f / 13.0f, k_centre = 5.0f / 13.0f;
  for (int ch = 0; ch < img.c(); ++ch) {
    const std::size_t base = static_cast<std::size_t>(ch) * n;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const std::size_t k = base + static_cast<std::size_t>(y) * w + x;
        if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
          out[k] = value(img, k);
          continue;
        }
        if (img.is_u8()) {
          int sum = 4 * img.u8[k];
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) sum += img.u8[k + static_cast<std::ptrdiff_t>(dy) * w + dx];
          out[k] = static_cast<float>((sum + 6) / 13);
        } else {
          double sum = 0;
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
              sum += static_cast<double>(dy == 0 && dx == 0 ? k_centre : k_side) *
                     img.f32[k + static_cast<std::ptrdiff_t>(dy) * w + dx];
          out[k] = static_cast<float>(sum);
        }
      }
  }
  return out;
}

void apply_sharpness(const Args& args, Image& img) {
  if (img.h() <= 2 || img.w() <= 2) return;
  const auto d = degenerate(img);
  // _blend(img, degenerate, factor) in f32.
  const torch_compat::BlendWeights wt = torch_compat::blend_weights(sharpness_factor(args));
  const float bound = bound_of(img);
  for (std::size_t k = 0; k < d.size(); ++k) {
    const float v = torch_compat::blend(value(img, k), d[k], wt, bound);
    if (img.is_u8())
      img.u8[k] = static_cast<std::uint8_t>(v);
    else
      img.f32[k] = v;
  }
}

// --- gaussian_blur --------------------------------------------------------------------------------------------

struct BlurParams {
  int kx, ky;     // kernel sizes along x (width) and y, as F.gaussian_blur's kernel_size order
  double sx, sy;  // sigmas along x and y
};

BlurParams blur_params(const Args& args) {
  auto k = args.list("kernel");
  auto s = args.list("sigma");
  if (k.size() == 1) k.push_back(k[0]);
  if (s.size() == 1) s.push_back(s[0]);
  if (k.size() != 2) fail("gaussian_blur", "kernel must be one odd size or [kx, ky]");
  if (s.size() != 2) fail("gaussian_blur", "sigma must be one value or [sx, sy]");
  BlurParams p{static_cast<int>(std::lround(k[0])), static_cast<int>(std::lround(k[1])), s[0], s[1]};
  for (int ks : {p.kx, p.ky})
    if (ks <= 0 || ks % 2 == 0) fail("gaussian_blur", "kernel sizes must be odd and positive");
  if (!(p.sx > 0 && p.sy > 0)) fail("gaussian_blur", "sigma must be positive");
  return p;
}

Shape resolve_gaussian_blur(Args& args, const Shape& in, const rng::DrawStream&) {
  blur_params(args);
  return in;
}


// torch's "reflect" padding (d c b | a b c d | c b a). torch refuses a pad as large as the side; here the mirror
// repeats instead, so small images still blur.
int reflect(int i, int n) {
  if (n == 1) return 0;
  const int period = 2 * (n - 1);
  i %= period;
  if (i < 0) i += period;
  return i < n ? i : period - i;
}

// torchvision convolves with the 2-D outer product of the two kernels; the separable sum in double equals it to
// far below the f32 rounding torch itself does, and u8 results are rounded half to even as `_cast_squeeze_out`.
void apply_gaussian_blur(const Args& args, Image& img) {
  const auto p = blur_params(args);
  const auto kx = gaussian_kernel(p.kx, p.sx), ky = gaussian_kernel(p.ky, p.sy);
  const int h = img.h(), w = img.w(), rx = p.kx / 2, ry = p.ky / 2;
  const std::size_t n = plane_size(img);
  std::vector<double> rows(n);
  for (int ch = 0; ch < img.c(); ++ch) {
    const std::size_t base = static_cast<std::size_t>(ch) * n;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        double acc = 0;
        for (int j = 0; j < p.kx; ++j)
          acc += static_cast<double>(kx[static_cast<std::size_t>(j)]) *
                 value(img, base + static_cast<std::size_t>(y) * w + reflect(x + j - rx, w));
        rows[static_cast<std::size_t>(y) * w + x] = acc;
      }
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        double acc = 0;
        for (int i = 0; i < p.ky; ++i)
          acc += static_cast<double>(ky[static_cast<std::size_t>(i)]) *
                 rows[static_cast<std::size_t>(reflect(y + i - ry, h)) * w + x];
        const std::size_t k = base + static_cast<std::size_t>(y) * w + x;
        if (img.is_u8())
          img.u8[k] = round_u8(static_cast<float>(acc));
        else
          img.f32[k] = static_cast<float>(acc);
      }
  }
}

}  // namespace

// torchvision's `_get_gaussian_kernel1d` in f32: taps at the integers -(k-1)/2 … (k-1)/2 (linspace is exact there),
// exp(-0.5 * (x / sigma)^2), divided by their f32 sum.
std::vector<float> gaussian_kernel(int size, double sigma) {
  const float sg = static_cast<float>(sigma);
  std::vector<float> k(static_cast<std::size_t>(size));
  float sum = 0;
  for (int i = 0; i < size; ++i) {
    const float t = static_cast<float>(i - (size - 1) / 2) / sg;
    k[static_cast<std::size_t>(i)] = std::exp(-0.5f * (t * t));
    sum += k[static_cast<std::size_t>(i)];
  }
  for (auto& v : k) v /= sum;
  return k;
}

std::vector<ImageOp> filter_ops() {
  return {
      {OpId::Sharpness, resolve_sharpness, apply_sharpness},
      {OpId::GaussianBlur, resolve_gaussian_blur, apply_gaussian_blur},
  };
}

}  // namespace auger::rt::pixel
