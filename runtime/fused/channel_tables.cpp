#include "runtime/fused/channel_tables.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/ops/op_record.h"
#include "runtime/ops/torch_compat/color_rules.h"

// The reference's roundings exactly: where torch fuses a multiply-add this code says fma, and the compiler must
// fuse nothing else (it would in the AVX-512 functions, where FMA is available, and intrinsics are plain vector
// arithmetic to GCC).
#pragma GCC optimize("fp-contract=off")
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own _mm512_undefined_* placeholders.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace auger::rt::fused {

namespace {

using Table = std::array<std::uint8_t, 256>;

std::uint8_t trunc_u8(float v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f));
}

// _blend(img, other, ratio) on each u8 value (torch_compat::blend), truncated.
Table blend_table(double ratio, float other) {
  const torch_compat::BlendWeights w = torch_compat::blend_weights(ratio);
  Table t;
  for (int v = 0; v < 256; ++v)
    t[static_cast<std::size_t>(v)] =
        static_cast<std::uint8_t>(torch_compat::blend(static_cast<float>(v), other, w, 255.0f));
  return t;
}

__attribute__((target("avx512f"))) inline __m512 load16(const std::uint8_t* q) {
  return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q))));
}

// The sum over pixels of the truncated luma, vectorised: the f32 operations of torch_compat::gray_luma_u8, in order.
__attribute__((target("avx512f"))) std::int64_t gray_sum_avx512(const std::uint8_t* p, std::size_t n) {
  const __m512 wr = _mm512_set1_ps(0.2989f), wg = _mm512_set1_ps(0.587f), wb = _mm512_set1_ps(0.114f);
  std::int64_t s = 0;
  std::size_t i = 0;
  while (i + 16 <= n) {
    // Each lane adds at most 255 per step: 2^22 steps cannot overflow an int32 lane.
    __m512i acc = _mm512_setzero_si512();
    const std::size_t stop = std::min(n, i + (std::size_t{1} << 22) * 16);
    for (; i + 16 <= stop; i += 16) {
      const __m512 l =
          _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(wr, load16(p + i)), _mm512_mul_ps(wg, load16(p + n + i))),
                        _mm512_mul_ps(wb, load16(p + 2 * n + i)));
      acc = _mm512_add_epi32(acc, _mm512_cvttps_epi32(l));
    }
    s += _mm512_reduce_add_epi32(acc);
  }
  for (; i < n; ++i) s += torch_compat::gray_luma_u8(p[i], p[n + i], p[2 * n + i]);
  return s;
}

std::int64_t gray_sum(const std::uint8_t* p, std::size_t n) {
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  if (avx512) return gray_sum_avx512(p, n);
  std::int64_t s = 0;
  for (std::size_t i = 0; i < n; ++i) s += torch_compat::gray_luma_u8(p[i], p[n + i], p[2 * n + i]);
  return s;
}

}  // namespace

ChannelTables::ChannelTables(int channels, const Image* input) : t_(static_cast<std::size_t>(channels)), input_(input) {
  for (auto& t : t_)
    for (int v = 0; v < 256; ++v) t[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(v);
}

bool ChannelTables::is_identity() const {
  for (const auto& t : t_)
    for (int v = 0; v < 256; ++v)
      if (t[static_cast<std::size_t>(v)] != v) return false;
  return true;
}

void ChannelTables::map(int c, const Table& f) {
  auto& t = t_[static_cast<std::size_t>(c)];
  for (auto& v : t) v = f[v];
}

ChannelTables::Hist ChannelTables::current_histogram(int c) {
  if (input_hist_.empty()) {
    // Eight interleaved 32-bit counter sets: runs of equal values (flat regions) would otherwise serialise on one
    // counter's store-to-load chain.
    const std::size_t n = static_cast<std::size_t>(input_->h()) * static_cast<std::size_t>(input_->w());
    input_hist_.assign(static_cast<std::size_t>(input_->c()), Hist{});
    for (int ch = 0; ch < input_->c(); ++ch) {
      std::uint32_t part[8][256] = {};
      const std::uint8_t* p = input_->u8.data() + static_cast<std::size_t>(ch) * n;
      std::size_t i = 0;
      for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; ++k) ++part[k][p[i + static_cast<std::size_t>(k)]];
      for (; i < n; ++i) ++part[0][p[i]];
      auto& h = input_hist_[static_cast<std::size_t>(ch)];
      for (int v = 0; v < 256; ++v) {
        std::int64_t sum = 0;
        for (int k = 0; k < 8; ++k) sum += part[k][v];
        h[static_cast<std::size_t>(v)] = sum;
      }
    }
  }
  Hist h{};
  const auto& in = input_hist_[static_cast<std::size_t>(c)];
  const auto& t = t_[static_cast<std::size_t>(c)];
  for (int v = 0; v < 256; ++v) h[t[static_cast<std::size_t>(v)]] += in[static_cast<std::size_t>(v)];
  return h;
}

float ChannelTables::current_gray_mean() const {
  const std::size_t n = static_cast<std::size_t>(input_->h()) * static_cast<std::size_t>(input_->w());
  const std::uint8_t* p = input_->u8.data();
  double sum = 0;
  if (input_->c() == 1) {
    const auto& t = t_[0];
    std::int64_t s = 0;
    for (std::size_t i = 0; i < n; ++i) s += t[p[i]];
    sum = static_cast<double>(s);
  } else {
    // rgb_to_grayscale as the reference's contrast computes it (torch_compat::gray_luma_u8).
    const auto &t0 = t_[0], &t1 = t_[1], &t2 = t_[2];
    std::int64_t s = 0;
    if (is_identity()) {
      s = gray_sum(p, n);
    } else {
      for (std::size_t i = 0; i < n; ++i) s += torch_compat::gray_luma_u8(t0[p[i]], t1[p[n + i]], t2[p[2 * n + i]]);
    }
    sum = static_cast<double>(s);
  }
  // The reference sums the truncated luma in double and divides by the pixel count (exact for u8 images).
  return static_cast<float>(sum / static_cast<double>(n));
}

namespace {

// The least and greatest byte of p[0..n), n > 0, 64 bytes a step (SSE2, in every x86-64).
std::pair<int, int> byte_range(const std::uint8_t* p, std::size_t n) {
  __m128i lo = _mm_set1_epi8(static_cast<char>(0xFF)), hi = _mm_setzero_si128();
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const auto* q = reinterpret_cast<const __m128i*>(p + i);
    const __m128i a = _mm_loadu_si128(q), b = _mm_loadu_si128(q + 1), c = _mm_loadu_si128(q + 2),
                  d = _mm_loadu_si128(q + 3);
    lo = _mm_min_epu8(lo, _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d)));
    hi = _mm_max_epu8(hi, _mm_max_epu8(_mm_max_epu8(a, b), _mm_max_epu8(c, d)));
  }
  alignas(16) std::uint8_t l[16], h[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(l), lo);
  _mm_store_si128(reinterpret_cast<__m128i*>(h), hi);
  int mn = 255, mx = 0;
  for (int k = 0; k < 16; ++k) {
    mn = std::min<int>(mn, l[k]);
    mx = std::max<int>(mx, h[k]);
  }
  for (; i < n; ++i) {
    mn = std::min<int>(mn, p[i]);
    mx = std::max<int>(mx, p[i]);
  }
  return {mn, mx};
}

}  // namespace

bool ChannelTables::current_range(int c, int* lo, int* hi) {
  const auto& t = t_[static_cast<std::size_t>(c)];
  bool up = true, down = true;
  for (int v = 1; v < 256; ++v) {
    up = up && t[static_cast<std::size_t>(v)] >= t[static_cast<std::size_t>(v - 1)];
    down = down && t[static_cast<std::size_t>(v)] <= t[static_cast<std::size_t>(v - 1)];
  }
  if (!up && !down) {  // a solarize before: the values present decide
    const Hist h = current_histogram(c);
    *lo = 256;
    *hi = -1;
    for (int v = 0; v < 256; ++v)
      if (h[static_cast<std::size_t>(v)]) {
        *lo = std::min(*lo, v);
        *hi = std::max(*hi, v);
      }
    return *hi >= 0;
  }
  // A monotone table maps the input's extremes to the extremes: a min/max scan, much cheaper than a histogram.
  if (input_range_.empty()) {
    const std::size_t n = static_cast<std::size_t>(input_->h()) * static_cast<std::size_t>(input_->w());
    input_range_.assign(static_cast<std::size_t>(input_->c()), {256, -1});
    for (int ch = 0; ch < input_->c() && n > 0; ++ch) {
      input_range_[static_cast<std::size_t>(ch)] = byte_range(input_->u8.data() + static_cast<std::size_t>(ch) * n, n);
    }
  }
  const auto [a, b] = input_range_[static_cast<std::size_t>(c)];
  if (b < 0) return false;
  *lo = t[static_cast<std::size_t>(up ? a : b)];
  *hi = t[static_cast<std::size_t>(up ? b : a)];
  return true;
}

std::pair<float, float> ChannelTables::autocontrast_params(int c) {
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  if (int l = 0, h = 0; current_range(c, &l, &h)) {
    lo = static_cast<float>(l);
    hi = static_cast<float>(h);
  }
  float scale = torch_compat::autocontrast_scale(lo, hi, 255.0f);
  if (!std::isfinite(scale)) {
    lo = 0;
    scale = 1;
  }
  return {lo, scale};
}

bool ChannelTables::op_tables(const AppliedOp& op, std::vector<Table>* out) {
  out->assign(static_cast<std::size_t>(channels()), Table{});
  for (auto& t : *out)
    for (int v = 0; v < 256; ++v) t[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(v);
  const Args& a = op.args;
  const int nc = channels();
  const OpId id = op_id(op.op);
  if (id == OpId::Brightness || id == OpId::Contrast) {
    const double f = a.number("factor", 1.0);
    if (!(f >= 0)) return false;
    float other = 0.0f;
    if (id == OpId::Contrast) {
      if (!input_ || (nc != 1 && nc != 3)) return false;
      other = current_gray_mean();
    }
    const Table t = blend_table(f, other);
    out->assign(static_cast<std::size_t>(nc), t);
    return true;
  }
  if (id == OpId::Invert) {
    Table t;
    for (int v = 0; v < 256; ++v) t[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(255 - v);
    out->assign(static_cast<std::size_t>(nc), t);
    return true;
  }
  if (id == OpId::Posterize) {
    const int bits = a.integer("bits", 8);
    if (bits < 0 || bits > 8) return false;
    const auto mask = static_cast<std::uint8_t>(-(1 << (8 - bits)));
    Table t;
    for (int v = 0; v < 256; ++v) t[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(v & mask);
    out->assign(static_cast<std::size_t>(nc), t);
    return true;
  }
  if (id == OpId::Solarize) {
    const float th = static_cast<float>(a.number("threshold", 128));
    Table t;
    for (int v = 0; v < 256; ++v)
      t[static_cast<std::size_t>(v)] =
          static_cast<float>(v) >= th ? static_cast<std::uint8_t>(255 - v) : static_cast<std::uint8_t>(v);
    out->assign(static_cast<std::size_t>(nc), t);
    return true;
  }
  if (id == OpId::Gamma) {
    const float g = static_cast<float>(a.number("g", 1.0)), gain = static_cast<float>(a.number("gain", 1.0));
    if (!(a.number("g", 1.0) >= 0)) return false;
    Table t;
    for (int v = 0; v < 256; ++v)
      t[static_cast<std::size_t>(v)] = torch_compat::adjust_gamma_u8(static_cast<std::uint8_t>(v), g, gain);
    out->assign(static_cast<std::size_t>(nc), t);
    return true;
  }
  if (id == OpId::Autocontrast) {
    if (!input_) return false;
    for (int c = 0; c < nc; ++c) {
      const auto [lo, scale] = autocontrast_params(c);
      Table t;
      for (int v = 0; v < 256; ++v) t[static_cast<std::size_t>(v)] = trunc_u8((static_cast<float>(v) - lo) * scale);
      (*out)[static_cast<std::size_t>(c)] = t;
    }
    return true;
  }
  if (id == OpId::Equalize) {
    if (!input_) return false;
    for (int c = 0; c < nc; ++c) {
      // step 0 leaves the channel unchanged: its identity table stays.
      if (const auto lut = torch_compat::equalize_lut(current_histogram(c))) (*out)[static_cast<std::size_t>(c)] = *lut;
    }
    return true;
  }
  return false;
}

void ChannelTables::compose(const std::vector<Table>& t) {
  for (int c = 0; c < channels(); ++c) map(c, t[static_cast<std::size_t>(c)]);
}

bool ChannelTables::append(const AppliedOp& op) {
  std::vector<Table> t;
  if (!op_tables(op, &t)) return false;
  compose(t);
  return true;
}

}  // namespace auger::rt::fused
