// The arithmetic of each rule is the reference resize's as it was checked bit for bit against torch (see
// runtime/ops/reference/resample.cpp); it moved here unchanged, operation for operation.
#include "runtime/ops/torch_compat/resample_rules.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma

namespace auger::rt::torch_compat {

float area_pixel_compute_scale(int in, int out) {
  return static_cast<float>(in) / static_cast<float>(out);
}

double area_pixel_compute_source_index(float scale, int dst, bool cubic) {
  const double src = static_cast<double>(scale) * (dst + 0.5) - 0.5;
  return (!cubic && src < 0) ? 0.0 : src;
}

std::int64_t nearest_source_index(int dst, int in, int out) {
  if (out == in) return dst;
  if (out == 2 * in) return dst >> 1;
  const float scale = area_pixel_compute_scale(in, out);
  return std::min(static_cast<std::int64_t>(std::floor(static_cast<float>(dst) * scale)),
                  static_cast<std::int64_t>(in - 1));
}

LinearTaps linear_source_taps(int dst, int in, int out) {
  LinearTaps t;
  t.i0 = t.i1 = dst;
  if (in == out) return t;
  const double real = area_pixel_compute_source_index(area_pixel_compute_scale(in, out), dst, false);
  t.i0 = std::min(static_cast<std::int64_t>(real), static_cast<std::int64_t>(in - 1));
  t.i1 = t.i0 + (t.i0 < in - 1 ? 1 : 0);
  t.l1 = static_cast<float>(std::min(std::max(real - static_cast<double>(t.i0), 0.0), 1.0));
  t.l0 = 1.0f - t.l1;
  return t;
}

CubicTaps cubic_source_taps(int dst, int in, int out) {
  const double real = area_pixel_compute_source_index(area_pixel_compute_scale(in, out), dst, true);
  const auto base = static_cast<std::int64_t>(std::floor(static_cast<float>(real)));
  CubicTaps t;
  t.first = base - 1;
  cubic_upsample_coefficients(t.w, static_cast<float>(real - static_cast<double>(base)));
  return t;
}

float cubic_convolution1(float x, float a) {
  const float t = std::fma(a + 2.0f, x, -(a + 3.0f)) * x;
  return t * x + 1.0f;
}

float cubic_convolution2(float x, float a) {
  const float t = std::fma(std::fma(a, x, -(5.0f * a)), x, 8.0f * a);
  return t * x - 4.0f * a;
}

void cubic_upsample_coefficients(float w[4], float t) {
  const float a = -0.75f;
  w[0] = cubic_convolution2(t + 1.0f, a);
  w[1] = cubic_convolution1(t, a);
  w[2] = cubic_convolution1(1.0f - t, a);
  w[3] = cubic_convolution2(1.0f - t + 1.0f, a);
}

float aa_linear_filter(float x) {
  if (x < 0) x = -x;
  return x < 1.0f ? static_cast<float>(1.0 - x) : 0.0f;
}

float aa_cubic_filter(float x) {
  if (x < 0) x = -x;
  if (x < 1.0f) return cubic_convolution1(x, -0.5f);
  if (x < 2.0f) return cubic_convolution2(x, -0.5f);
  return 0.0f;
}

AaWeights compute_weights_aa(int in, int out, bool cubic) {
  const int interp = cubic ? 4 : 2;
  const float scale = area_pixel_compute_scale(in, out);
  const auto support = static_cast<float>(scale >= 1.0f ? (interp * 0.5) * scale : interp * 0.5);
  AaWeights a;
  a.window = static_cast<int>(std::ceil(support)) * 2 + 1;
  a.xmin.assign(static_cast<std::size_t>(out), 0);
  a.count.assign(static_cast<std::size_t>(out), 0);
  a.weight.assign(static_cast<std::size_t>(out) * a.window, 0.0f);
  const float invscale = scale >= 1.0f ? static_cast<float>(1.0 / scale) : 1.0f;
  for (int i = 0; i < out; ++i) {
    const auto center = static_cast<float>(scale * (i + 0.5));
    const std::int64_t xmin = std::max(static_cast<std::int64_t>(center - support + 0.5), std::int64_t{0});
    const std::int64_t xsize =
        std::min(static_cast<std::int64_t>(center + support + 0.5), static_cast<std::int64_t>(in)) - xmin;
    float* w = a.weight.data() + static_cast<std::size_t>(i) * a.window;
    float total = 0;
    int n = 0;
    for (std::int64_t j = 0; j < xsize && j < a.window; ++j, ++n) {
      const auto arg = static_cast<float>((static_cast<float>(j + xmin) - center + 0.5) * invscale);
      w[j] = cubic ? aa_cubic_filter(arg) : aa_linear_filter(arg);
      total += w[j];
    }
    for (int j = 0; j < n; ++j)
      if (total != 0.0f) w[j] /= total;
    a.xmin[static_cast<std::size_t>(i)] = xmin;
    a.count[static_cast<std::size_t>(i)] = n;
  }
  return a;
}

}  // namespace auger::rt::torch_compat
