// Resizing as torchvision 0.14's F_t.resize runs it: torch.nn.functional.interpolate on the float32 image, torch
// 1.13's CPU kernels (UpSampleKernel.cpp). Index and weight arithmetic follows the kernels' float/double mix, and
// where GCC fuses a multiply-add in torch's AVX2 build so does this file (std::fma): nearest, bilinear and bicubic,
// with or without antialiasing, then agree with torch to the last bit (checked on float images), except the
// antialiased bicubic weights, whose last bits differ (results within 1e-6). Exact agreement matters because
// u8 results are rounded: a value a hair from .5 must land on the same side as torch's.
// The index and weight rules live in runtime/ops/torch_compat/resample_rules.h, shared with the fused tables; the
// kernels' summation order stays here.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma
#include "runtime/ops/torch_compat/resample_rules.h"

namespace auger::rt::geo {

namespace {

// One output position along one axis: `taps` source indices and their weights.
struct Taps {
  int taps = 0;
  std::vector<std::int64_t> index;  // out * taps
  std::vector<float> weight;        // out * taps
  std::vector<int> count;           // per output: the taps the kernel loops over (the window, for antialiasing)
};

namespace tc = torch_compat;

Taps linear_taps(int in, int out) {
  Taps t;
  t.taps = 2;
  t.index.resize(2 * static_cast<std::size_t>(out));
  t.weight.resize(t.index.size());
  for (int i = 0; i < out; ++i) {
    const tc::LinearTaps l = tc::linear_source_taps(i, in, out);
    t.index[2 * i] = l.i0;
    t.index[2 * i + 1] = l.i1;
    t.weight[2 * i] = l.l0;
    t.weight[2 * i + 1] = l.l1;
  }
  return t;
}

Taps cubic_taps(int in, int out) {
  Taps t;
  t.taps = 4;
  t.index.resize(4 * static_cast<std::size_t>(out));
  t.weight.resize(t.index.size());
  for (int i = 0; i < out; ++i) {
    const tc::CubicTaps c = tc::cubic_source_taps(i, in, out);
    for (int j = 0; j < 4; ++j) {
      t.index[4 * i + j] = std::clamp<std::int64_t>(c.first + j, 0, in - 1);
      t.weight[4 * i + j] = c.w[j];
    }
  }
  return t;
}

// _compute_weights_aa's window per output: taps [xmin, xmin + count) with their normalised weights.
Taps aa_taps(int in, int out, bool cubic) {
  const tc::AaWeights a = tc::compute_weights_aa(in, out, cubic);
  Taps t;
  t.taps = a.window;
  t.index.assign(static_cast<std::size_t>(out) * t.taps, 0);
  t.weight = a.weight;
  t.count = a.count;
  for (int i = 0; i < out; ++i)
    for (int j = 0; j < t.count[i]; ++j) t.index[static_cast<std::size_t>(i) * t.taps + j] = a.xmin[i] + j;
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
      for (int i = 0; i < o; ++i) idx[i] = tc::nearest_source_index(i, in, o);
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
