// Resizing as torchvision 0.14's F_t.resize runs it: torch.nn.functional.interpolate on the float32 image, torch
// 1.13's CPU kernels (UpSampleKernel.cpp). Index and weight arithmetic follows the kernels' float/double mix, and
// where GCC fuses a multiply-add in torch's AVX2 build so does this file (std::fma): nearest, bilinear and bicubic,
// with or without antialiasing, then agree with torch to the last bit (checked on float images), except the
// antialiased bicubic weights, whose last bits differ (results within 1e-6). Exact agreement matters because
// u8 results are rounded: a value a hair from .5 must land on the same side as torch's.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "runtime/ops/reference/geometry.h"

#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma

namespace auger::rt::geo {

namespace {

// One output position along one axis: `taps` source indices and their weights.
struct Taps {
  int taps = 0;
  std::vector<std::int64_t> index;  // out * taps
  std::vector<float> weight;        // out * taps
  std::vector<int> count;           // per output: the taps the kernel loops over (the window, for antialiasing)
};

// area_pixel_compute_scale without align_corners or an explicit scale: in / out in float32.
float pixel_scale(int in, int out) {
  return static_cast<float>(in) / static_cast<float>(out);
}

// area_pixel_compute_source_index (align_corners=False): scale * (dst + 0.5) - 0.5, kept in double (the kernel's
// accumulate type) until the weights are taken from it.
double source_index(float scale, int dst, bool cubic) {
  const double src = static_cast<double>(scale) * (dst + 0.5) - 0.5;
  return (!cubic && src < 0) ? 0.0 : src;
}

Taps linear_taps(int in, int out) {
  Taps t;
  t.taps = 2;
  t.index.resize(2 * static_cast<std::size_t>(out));
  t.weight.resize(t.index.size());
  const float scale = pixel_scale(in, out);
  for (int i = 0; i < out; ++i) {
    std::int64_t i0 = i, i1 = i;
    float l0 = 1, l1 = 0;
    if (in != out) {
      const double real = source_index(scale, i, false);
      i0 = std::min(static_cast<std::int64_t>(real), static_cast<std::int64_t>(in - 1));
      i1 = i0 + (i0 < in - 1 ? 1 : 0);
      l1 = static_cast<float>(std::min(std::max(real - static_cast<double>(i0), 0.0), 1.0));
      l0 = 1.0f - l1;
    }
    t.index[2 * i] = i0;
    t.index[2 * i + 1] = i1;
    t.weight[2 * i] = l0;
    t.weight[2 * i + 1] = l1;
  }
  return t;
}

// Keys' cubic convolution kernel on [0, 1) and [1, 2) as torch's cubic_convolution1/2 evaluate it in float32, with
// the multiply-adds GCC fuses in torch's AVX2 build (found bit for bit against torch's weights).
float cubic_near(float x, float a) {
  const float t = std::fma(a + 2.0f, x, -(a + 3.0f)) * x;
  return t * x + 1.0f;
}
float cubic_far(float x, float a) {
  const float t = std::fma(std::fma(a, x, -(5.0f * a)), x, 8.0f * a);
  return t * x - 4.0f * a;
}

// get_cubic_upsample_coefficients: A = -0.75 (torch's bicubic, as OpenCV).
void cubic_coefficients(float w[4], float t) {
  const float a = -0.75f;
  w[0] = cubic_far(t + 1.0f, a);
  w[1] = cubic_near(t, a);
  w[2] = cubic_near(1.0f - t, a);
  w[3] = cubic_far(1.0f - t + 1.0f, a);
}

Taps cubic_taps(int in, int out) {
  Taps t;
  t.taps = 4;
  t.index.resize(4 * static_cast<std::size_t>(out));
  t.weight.resize(t.index.size());
  const float scale = pixel_scale(in, out);
  for (int i = 0; i < out; ++i) {
    // floorf of the float-rounded position, but the fraction from the double: just below an integer the base
    // can be the integer above and the fraction slightly negative, as in torch.
    const double real = source_index(scale, i, true);
    const auto base = static_cast<std::int64_t>(std::floor(static_cast<float>(real)));
    float w[4];
    cubic_coefficients(w, static_cast<float>(real - static_cast<double>(base)));
    for (int j = 0; j < 4; ++j) {
      t.index[4 * i + j] = std::clamp<std::int64_t>(base - 1 + j, 0, in - 1);
      t.weight[4 * i + j] = w[j];
    }
  }
  return t;
}

// The antialiasing filters of _upsample_{bilinear,bicubic}2d_aa (PIL's): triangle, and Keys' cubic with a = -0.5.
float linear_filter(float x) {
  if (x < 0) x = -x;
  return x < 1.0f ? static_cast<float>(1.0 - x) : 0.0f;
}
float cubic_filter(float x) {
  if (x < 0) x = -x;
  if (x < 1.0f) return cubic_near(x, -0.5f);
  if (x < 2.0f) return cubic_far(x, -0.5f);
  return 0.0f;
}

// _compute_weights_aa: a filter stretched by the scale when downsampling, taps [xmin, xmin + xsize) clipped to the
// image, weights normalised to sum 1.
Taps aa_taps(int in, int out, bool cubic) {
  const int interp = cubic ? 4 : 2;
  const float scale = pixel_scale(in, out);
  const auto support = static_cast<float>(scale >= 1.0f ? (interp * 0.5) * scale : interp * 0.5);
  Taps t;
  t.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
  t.index.assign(static_cast<std::size_t>(out) * t.taps, 0);
  t.weight.assign(t.index.size(), 0.0f);
  t.count.assign(static_cast<std::size_t>(out), 0);
  const float invscale = scale >= 1.0f ? static_cast<float>(1.0 / scale) : 1.0f;
  for (int i = 0; i < out; ++i) {
    const auto center = static_cast<float>(scale * (i + 0.5));
    const std::int64_t xmin = std::max(static_cast<std::int64_t>(center - support + 0.5), std::int64_t{0});
    const std::int64_t xsize =
        std::min(static_cast<std::int64_t>(center + support + 0.5), static_cast<std::int64_t>(in)) - xmin;
    float* w = t.weight.data() + static_cast<std::size_t>(i) * t.taps;
    float total = 0;
    for (std::int64_t j = 0; j < xsize && j < t.taps; ++j) {
      const auto arg = static_cast<float>((static_cast<float>(j + xmin) - center + 0.5) * invscale);
      w[j] = cubic ? cubic_filter(arg) : linear_filter(arg);
      total += w[j];
    }
    int n = 0;
    for (std::int64_t j = 0; j < xsize && j < t.taps; ++j, ++n) {
      if (total != 0.0f) w[j] /= total;
      t.index[static_cast<std::size_t>(i) * t.taps + j] = xmin + j;
    }
    t.count[i] = n;
  }
  return t;
}

// sum_j src[j] * w[j] as torch's antialiased loop (interpolate_aa_single_dim) accumulates it: the first product, then
// `acc += t * w`. GCC unrolls that loop by four in torch's AVX2 build; the unrolled body adds rounded products, the
// remainder iterations are fused multiply-adds (found bit for bit against torch).
float weighted_sum(const float* src, std::ptrdiff_t stride, const std::int64_t* index, const float* weight, int taps) {
  if (taps <= 0) return 0.0f;
  float acc = src[index[0] * stride] * weight[0];
  const int unrolled = 4 * ((taps - 1) / 4);
  for (int j = 1; j <= unrolled; ++j) {
    const float p = src[index[j] * stride] * weight[j];
    acc = acc + p;
  }
  for (int j = unrolled + 1; j < taps; ++j) acc = std::fma(src[index[j] * stride], weight[j], acc);
  return acc;
}

// The two-tap case is written `t0 * w0 + t1 * w1` in torch, which GCC fuses as fma(t1, w1, t0 * w0).
float two_tap(float t0, float w0, float t1, float w1) {
  return std::fma(t0, w0, t1 * w1);
}

float four_tap(float t0, float t1, float t2, float t3, const float* w) {
  return std::fma(t3, w[3], std::fma(t2, w[2], std::fma(t0, w[0], t1 * w[1])));
}

// One separable pass of the antialiased kernel along x (`along_x`) or y, on c planes of h x w.
std::vector<float> aa_pass(const std::vector<float>& src, int c, int h, int w, const Taps& t, int out, bool along_x) {
  const int oh = along_x ? h : out, ow = along_x ? out : w;
  std::vector<float> dst(static_cast<std::size_t>(c) * oh * ow);
  for (int ch = 0; ch < c; ++ch) {
    const float* plane = src.data() + static_cast<std::size_t>(ch) * h * w;
    float* o = dst.data() + static_cast<std::size_t>(ch) * oh * ow;
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x) {
        const int i = along_x ? x : y;
        const std::size_t k = static_cast<std::size_t>(i) * t.taps;
        const float* base = along_x ? plane + static_cast<std::size_t>(y) * w : plane + x;
        o[static_cast<std::size_t>(y) * ow + x] =
            weighted_sum(base, along_x ? 1 : w, t.index.data() + k, t.weight.data() + k, t.count[i]);
      }
  }
  return dst;
}

}  // namespace

void resize(Image& img, int oh, int ow, Interp interp, bool antialias) {
  if (oh <= 0 || ow <= 0) throw std::invalid_argument("resize to an empty image");
  const int c = img.c(), h = img.h(), w = img.w();
  if (oh == h && ow == w) return;  // F.resize hands the input back untouched
  if (h <= 0 || w <= 0) throw std::invalid_argument("resize of an empty image");
  const auto src = planes_f32(img);
  const std::size_t in_plane = static_cast<std::size_t>(h) * w, out_plane = static_cast<std::size_t>(oh) * ow;
  std::vector<float> out(static_cast<std::size_t>(c) * out_plane);

  if (interp == Interp::Nearest) {
    // torch's legacy 'nearest': floor(dst * (in / out)) in float32, with exact shortcuts for x1 and x2.
    auto nearest = [](int in, int o) {
      std::vector<std::int64_t> idx(static_cast<std::size_t>(o));
      const float scale = pixel_scale(in, o);
      for (int i = 0; i < o; ++i) {
        if (o == in)
          idx[i] = i;
        else if (o == 2 * in)
          idx[i] = i >> 1;
        else
          idx[i] = std::min(static_cast<std::int64_t>(std::floor(static_cast<float>(i) * scale)),
                            static_cast<std::int64_t>(in - 1));
      }
      return idx;
    };
    const auto iy = nearest(h, oh), ix = nearest(w, ow);
    for (int ch = 0; ch < c; ++ch)
      for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x)
          out[ch * out_plane + static_cast<std::size_t>(y) * ow + x] = src[ch * in_plane + iy[y] * w + ix[x]];
    store_f32(img, oh, ow, out);
    return;
  }

  const bool cubic = interp == Interp::Bicubic;
  if (antialias) {
    // Horizontal pass first, then vertical, each only where that side changes (separable_upsample_generic_Nd).
    std::vector<float> cur = src;
    int ch_w = w;
    if (ow != w) {
      cur = aa_pass(cur, c, h, w, aa_taps(w, ow, cubic), ow, true);
      ch_w = ow;
    }
    if (oh != h) cur = aa_pass(cur, c, h, ch_w, aa_taps(h, oh, cubic), oh, false);
    out = std::move(cur);
  } else {
    const Taps ty = cubic ? cubic_taps(h, oh) : linear_taps(h, oh);
    const Taps tx = cubic ? cubic_taps(w, ow) : linear_taps(w, ow);
    for (int ch = 0; ch < c; ++ch) {
      const float* plane = src.data() + ch * in_plane;
      for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
          float v;
          const std::int64_t* yi = ty.index.data() + static_cast<std::size_t>(y) * ty.taps;
          const float* yw = ty.weight.data() + static_cast<std::size_t>(y) * ty.taps;
          const std::int64_t* xi = tx.index.data() + static_cast<std::size_t>(x) * tx.taps;
          const float* xw = tx.weight.data() + static_cast<std::size_t>(x) * tx.taps;
          if (!cubic) {
            const float* r0 = plane + yi[0] * w;
            const float* r1 = plane + yi[1] * w;
            const float t0 = two_tap(r0[xi[0]], xw[0], r0[xi[1]], xw[1]);
            const float t1 = two_tap(r1[xi[0]], xw[0], r1[xi[1]], xw[1]);
            v = two_tap(t0, yw[0], t1, yw[1]);
          } else {
            float rows[4];
            for (int j = 0; j < 4; ++j) {
              const float* r = plane + yi[j] * w;
              rows[j] = four_tap(r[xi[0]], r[xi[1]], r[xi[2]], r[xi[3]], xw);
            }
            v = four_tap(rows[0], rows[1], rows[2], rows[3], yw);
          }
          out[ch * out_plane + static_cast<std::size_t>(y) * ow + x] = v;
        }
    }
  }
  // torchvision clamps bicubic u8 results to [0, 255] before rounding; store_f32 clamps every u8 result.
  store_f32(img, oh, ow, out);
}

}  // namespace auger::rt::geo
