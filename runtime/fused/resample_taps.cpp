// The tables mirror runtime/ops/reference/resample.cpp (the reference keeps its helpers private); what the
// reference found bit for bit against torch (float/double mixes, GCC's fused multiply-adds, the unrolled
// antialiased loop) is encoded here as tap order and the `add` flags.
#include "runtime/fused/resample_taps.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <tuple>

namespace auger::rt::fused {

namespace {

float pixel_scale(int in, int out) {
  return static_cast<float>(in) / static_cast<float>(out);
}

double source_index(float scale, int dst, bool cubic) {
  const double src = static_cast<double>(scale) * (dst + 0.5) - 0.5;
  return (!cubic && src < 0) ? 0.0 : src;
}

float cubic_near(float x, float a) {
  const float t = std::fma(a + 2.0f, x, -(a + 3.0f)) * x;
  return t * x + 1.0f;
}
float cubic_far(float x, float a) {
  const float t = std::fma(std::fma(a, x, -(5.0f * a)), x, 8.0f * a);
  return t * x - 4.0f * a;
}

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

AxisTaps make(int out, int taps) {
  AxisTaps t;
  t.taps = taps;
  t.index.assign(static_cast<std::size_t>(out) * taps, 0);
  t.weight.assign(t.index.size(), 0.0f);
  t.add.assign(t.index.size(), 0);
  return t;
}

AxisTaps nearest_taps(int in, int out) {
  AxisTaps t = make(out, 1);
  const float scale = pixel_scale(in, out);
  for (int i = 0; i < out; ++i) {
    int src;
    if (out == in)
      src = i;
    else if (out == 2 * in)
      src = i >> 1;
    else
      src = std::min(static_cast<int>(std::floor(static_cast<float>(i) * scale)), in - 1);
    t.index[static_cast<std::size_t>(i)] = src;
    t.weight[static_cast<std::size_t>(i)] = 1.0f;
  }
  return t;
}

// upsample_bilinear2d: `t0 * w0 + t1 * w1`, which GCC fuses as fma(t0, w0, t1 * w1): tap 1's product first.
AxisTaps linear_taps(int in, int out) {
  AxisTaps t = make(out, 2);
  const float scale = pixel_scale(in, out);
  for (int i = 0; i < out; ++i) {
    int i0 = i, i1 = i;
    float l0 = 1, l1 = 0;
    if (in != out) {
      const double real = source_index(scale, i, false);
      i0 = std::min(static_cast<int>(real), in - 1);
      i1 = i0 + (i0 < in - 1 ? 1 : 0);
      l1 = static_cast<float>(std::min(std::max(real - static_cast<double>(i0), 0.0), 1.0));
      l0 = 1.0f - l1;
    }
    const std::size_t k = 2 * static_cast<std::size_t>(i);
    t.index[k] = i1;
    t.weight[k] = l1;
    t.index[k + 1] = i0;
    t.weight[k + 1] = l0;
  }
  return t;
}

// upsample_bicubic2d: fma(t3, w3, fma(t2, w2, fma(t0, w0, t1 * w1))): taps 1, 0, 2, 3.
AxisTaps cubic_taps(int in, int out) {
  AxisTaps t = make(out, 4);
  const float scale = pixel_scale(in, out);
  for (int i = 0; i < out; ++i) {
    const double real = source_index(scale, i, true);
    const auto base = static_cast<std::int64_t>(std::floor(static_cast<float>(real)));
    const float f = static_cast<float>(real - static_cast<double>(base));
    const float a = -0.75f;
    const float w[4] = {cubic_far(f + 1.0f, a), cubic_near(f, a), cubic_near(1.0f - f, a),
                        cubic_far(1.0f - f + 1.0f, a)};
    const int order[4] = {1, 0, 2, 3};
    for (int j = 0; j < 4; ++j) {
      const int o = order[j];
      const std::size_t k = 4 * static_cast<std::size_t>(i) + static_cast<std::size_t>(j);
      t.index[k] = static_cast<int>(std::clamp<std::int64_t>(base - 1 + o, 0, in - 1));
      t.weight[k] = w[o];
    }
  }
  return t;
}

// _compute_weights_aa, summed as interpolate_aa_single_dim: the first product, then `acc += t * w`, which GCC
// unrolls by four (the unrolled body adds rounded products, the remainder is fused).
AxisTaps aa_taps(int in, int out, bool cubic) {
  const int interp = cubic ? 4 : 2;
  const float scale = pixel_scale(in, out);
  const auto support = static_cast<float>(scale >= 1.0f ? (interp * 0.5) * scale : interp * 0.5);
  const int window = static_cast<int>(std::ceil(support)) * 2 + 1;
  const float invscale = scale >= 1.0f ? static_cast<float>(1.0 / scale) : 1.0f;
  std::vector<int> xmins(static_cast<std::size_t>(out)), counts(static_cast<std::size_t>(out));
  std::vector<float> weights(static_cast<std::size_t>(out) * window, 0.0f);
  int taps = 1;
  for (int i = 0; i < out; ++i) {
    const auto center = static_cast<float>(scale * (i + 0.5));
    const std::int64_t xmin = std::max(static_cast<std::int64_t>(center - support + 0.5), std::int64_t{0});
    const std::int64_t xsize =
        std::min(static_cast<std::int64_t>(center + support + 0.5), static_cast<std::int64_t>(in)) - xmin;
    float* w = weights.data() + static_cast<std::size_t>(i) * window;
    float total = 0;
    int n = 0;
    for (std::int64_t j = 0; j < xsize && j < window; ++j, ++n) {
      const auto arg = static_cast<float>((static_cast<float>(j + xmin) - center + 0.5) * invscale);
      w[j] = cubic ? cubic_filter(arg) : linear_filter(arg);
      total += w[j];
    }
    for (int j = 0; j < n; ++j)
      if (total != 0.0f) w[j] /= total;
    xmins[static_cast<std::size_t>(i)] = static_cast<int>(xmin);
    counts[static_cast<std::size_t>(i)] = n;
    taps = std::max(taps, n);
  }
  AxisTaps t = make(out, taps);
  for (int i = 0; i < out; ++i) {
    const int n = counts[static_cast<std::size_t>(i)];
    const int unrolled = n > 0 ? 4 * ((n - 1) / 4) : 0;
    for (int j = 0; j < taps; ++j) {
      const std::size_t k = static_cast<std::size_t>(i) * taps + static_cast<std::size_t>(j);
      // Padding taps read a valid index with weight 0: an exact +0.
      t.index[k] = std::min(xmins[static_cast<std::size_t>(i)] + std::min(j, std::max(n - 1, 0)), in - 1);
      t.weight[k] = j < n ? weights[static_cast<std::size_t>(i) * window + static_cast<std::size_t>(j)] : 0.0f;
      t.add[k] = (j >= 1 && j <= unrolled) ? 1 : 0;
    }
  }
  return t;
}

}  // namespace

AxisTaps identity_taps(int n) {
  AxisTaps t = make(n, 1);
  for (int i = 0; i < n; ++i) {
    t.index[static_cast<std::size_t>(i)] = i;
    t.weight[static_cast<std::size_t>(i)] = 1.0f;
  }
  return t;
}

AxisTaps resample_taps(int in, int out, Interp interp, bool antialias) {
  if (interp == Interp::Nearest) return nearest_taps(in, out);
  if (antialias) return in == out ? identity_taps(out) : aa_taps(in, out, interp == Interp::Bicubic);
  return interp == Interp::Bicubic ? cubic_taps(in, out) : linear_taps(in, out);
}

namespace {

// Bounded: cleared when full (a few thousand tables of a few kilobytes each).
constexpr std::size_t kMaxCached = 4096;

std::shared_ptr<const AxisTaps> cached(int in, int out, int mode, bool antialias) {
  static std::mutex mutex;
  static std::map<std::tuple<int, int, int, bool>, std::shared_ptr<const AxisTaps>> tables;
  const auto key = std::make_tuple(in, out, mode, antialias);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = tables.find(key); it != tables.end()) return it->second;
  }
  auto t = std::make_shared<const AxisTaps>(mode < 0 ? identity_taps(out)
                                                     : resample_taps(in, out, static_cast<Interp>(mode), antialias));
  std::lock_guard<std::mutex> lock(mutex);
  if (tables.size() >= kMaxCached) tables.clear();
  tables.emplace(key, t);
  return t;
}

}  // namespace

std::shared_ptr<const AxisTaps> cached_resample_taps(int in, int out, Interp interp, bool antialias) {
  return cached(in, out, static_cast<int>(interp), antialias);
}

std::shared_ptr<const AxisTaps> cached_identity_taps(int n) {
  return cached(n, n, -1, false);
}

}  // namespace auger::rt::fused
