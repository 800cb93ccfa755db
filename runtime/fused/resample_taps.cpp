// The tables take their indices and weights from the torch-compat rules the reference resize also calls
// (runtime/ops/torch_compat/resample_rules.h); the reference's summation order (GCC's fused multiply-adds, the
// unrolled antialiased loop) is encoded here as tap order and the `add` flags.
#include "runtime/fused/resample_taps.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "runtime/ops/torch_compat/resample_rules.h"

namespace auger::rt::fused {

namespace {

namespace tc = torch_compat;

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
  for (int i = 0; i < out; ++i) {
    t.index[static_cast<std::size_t>(i)] = static_cast<int>(tc::nearest_source_index(i, in, out));
    t.weight[static_cast<std::size_t>(i)] = 1.0f;
  }
  return t;
}

// upsample_bilinear2d: `t0 * w0 + t1 * w1`, which GCC fuses as fma(t0, w0, t1 * w1): tap 1's product first.
AxisTaps linear_taps(int in, int out) {
  AxisTaps t = make(out, 2);
  for (int i = 0; i < out; ++i) {
    const tc::LinearTaps l = tc::linear_source_taps(i, in, out);
    const std::size_t k = 2 * static_cast<std::size_t>(i);
    t.index[k] = static_cast<int>(l.i1);
    t.weight[k] = l.l1;
    t.index[k + 1] = static_cast<int>(l.i0);
    t.weight[k + 1] = l.l0;
  }
  return t;
}

// upsample_bicubic2d: fma(t3, w3, fma(t2, w2, fma(t0, w0, t1 * w1))): taps 1, 0, 2, 3.
AxisTaps cubic_taps(int in, int out) {
  AxisTaps t = make(out, 4);
  for (int i = 0; i < out; ++i) {
    const tc::CubicTaps c = tc::cubic_source_taps(i, in, out);
    const int order[4] = {1, 0, 2, 3};
    for (int j = 0; j < 4; ++j) {
      const int o = order[j];
      const std::size_t k = 4 * static_cast<std::size_t>(i) + static_cast<std::size_t>(j);
      t.index[k] = static_cast<int>(std::clamp<std::int64_t>(c.first + o, 0, in - 1));
      t.weight[k] = c.w[o];
    }
  }
  return t;
}

// _compute_weights_aa, summed as interpolate_aa_single_dim: the first product, then `acc += t * w`, which GCC
// unrolls by four (the unrolled body adds rounded products, the remainder is fused).
AxisTaps aa_taps(int in, int out, bool cubic) {
  const tc::AaWeights a = tc::compute_weights_aa(in, out, cubic);
  int taps = 1;
  for (int n : a.count) taps = std::max(taps, n);
  AxisTaps t = make(out, taps);
  for (int i = 0; i < out; ++i) {
    const int n = a.count[static_cast<std::size_t>(i)];
    const int xmin = static_cast<int>(a.xmin[static_cast<std::size_t>(i)]);
    const int unrolled = n > 0 ? 4 * ((n - 1) / 4) : 0;
    for (int j = 0; j < taps; ++j) {
      const std::size_t k = static_cast<std::size_t>(i) * taps + static_cast<std::size_t>(j);
      // Padding taps read a valid index with weight 0: an exact +0.
      t.index[k] = std::min(xmin + std::min(j, std::max(n - 1, 0)), in - 1);
      t.weight[k] = j < n ? a.weight[static_cast<std::size_t>(i) * a.window + static_cast<std::size_t>(j)] : 0.0f;
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

bool parse_interp(const Args& a, const char* fallback, Interp* out) {
  const std::string t = a.text("interp", fallback);
  if (t == "nearest")
    *out = Interp::Nearest;
  else if (t == "bilinear")
    *out = Interp::Bilinear;
  else if (t == "bicubic")
    *out = Interp::Bicubic;
  else
    return false;
  return true;
}

}  // namespace auger::rt::fused
