#include "runtime/fused/resample_pass.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>

namespace auger::rt::fused {

namespace {

constexpr int kLanes = 16;
constexpr int kMaxSpan = 64;  // four zmm registers of window

// --- one output row of the vertical pass: sum over taps of rows[j][x] * w[j], as the reference sums ------------

template <class T>
void vertical_scalar(const T* const* rows, const float* w, const std::uint8_t* add, int taps, int n, float* out) {
  for (int x = 0; x < n; ++x) {
    float acc = static_cast<float>(rows[0][x]) * w[0];
    for (int j = 1; j < taps; ++j) {
      const float v = static_cast<float>(rows[j][x]);
      if (add[j]) {
        const float p = v * w[j];
        acc = acc + p;
      } else {
        acc = std::fma(v, w[j], acc);
      }
    }
    out[x] = acc;
  }
}

template <class T>
__attribute__((target("avx512f,avx512bw,avx512vl"))) inline __m512 load16(const T* p, __mmask16 m) {
  if constexpr (sizeof(T) == 1)
    return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(m, p)));
  else
    return _mm512_maskz_loadu_ps(m, p);
}

template <class T>
__attribute__((target("avx512f,avx512bw,avx512vl"))) void vertical_avx512(const T* const* rows, const float* w,
                                                                          const std::uint8_t* add, int taps, int n,
                                                                          float* out) {
  for (int x = 0; x < n; x += kLanes) {
    const __mmask16 m = n - x >= kLanes ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - x)) - 1u);
    __m512 acc = _mm512_mul_ps(load16(rows[0] + x, m), _mm512_set1_ps(w[0]));
    for (int j = 1; j < taps; ++j) {
      const __m512 v = load16(rows[j] + x, m), wt = _mm512_set1_ps(w[j]);
      acc = add[j] ? _mm512_add_ps(acc, _mm512_mul_ps(v, wt)) : _mm512_fmadd_ps(v, wt, acc);
    }
    _mm512_mask_storeu_ps(out + x, m, acc);
  }
}

template <class T>
void vertical(const T* const* rows, const float* w, const std::uint8_t* add, int taps, int n, float* out) {
  if (ResamplePass::vectorised())
    vertical_avx512(rows, w, add, taps, n, out);
  else
    vertical_scalar(rows, w, add, taps, n, out);
}

// --- one block of 16 output columns of the horizontal pass ------------------------------------------------------

// The window of up to 16 * Regs input columns sits in registers; each tap is a permute of it (vpermps when it
// fits one register, vpermt2ps for two, two of them and a blend for four).
template <int Regs>
__attribute__((target("avx512f"))) inline __m512 block_taps(const float* win, const std::int32_t* rel, const float* w,
                                                            const std::uint16_t* add, int taps) {
  const __m512 w0 = _mm512_loadu_ps(win);
  const __m512 w1 = Regs > 1 ? _mm512_loadu_ps(win + 16) : w0;
  const __m512 w2 = Regs > 2 ? _mm512_loadu_ps(win + 32) : w0;
  const __m512 w3 = Regs > 2 ? _mm512_loadu_ps(win + 48) : w0;
  const __m512i thirty_two = _mm512_set1_epi32(32);
  __m512 acc = _mm512_setzero_ps();
  for (int j = 0; j < taps; ++j) {
    const __m512i idx = _mm512_loadu_si512(rel + kLanes * j);
    __m512 v;
    if constexpr (Regs == 1) {
      v = _mm512_permutexvar_ps(idx, w0);
    } else {
      v = _mm512_permutex2var_ps(w0, idx, w1);
      if constexpr (Regs > 2)
        v = _mm512_mask_blend_ps(_mm512_cmpge_epi32_mask(idx, thirty_two), v, _mm512_permutex2var_ps(w2, idx, w3));
    }
    const __m512 wt = _mm512_loadu_ps(w + kLanes * j);
    if (j == 0) {
      acc = _mm512_mul_ps(v, wt);
    } else {
      // Lanes in `add` add the rounded product (the reference's unrolled loop), the others fuse; computing both
      // and blending costs less than a branch on the mask.
      const __m512 fused = _mm512_fmadd_ps(v, wt, acc);
      acc = _mm512_mask_blend_ps(static_cast<__mmask16>(add[j]), fused, _mm512_add_ps(acc, _mm512_mul_ps(v, wt)));
    }
  }
  return acc;
}

}  // namespace

bool ResamplePass::vectorised() {
  static const bool yes =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
  return yes;
}

ResamplePass::ResamplePass(AxisTaps cols, AxisTaps rows) : cols_(std::move(cols)), rows_(std::move(rows)) {
  const int n = cols_.outputs(), k = cols_.taps;
  lo_ = n ? *std::min_element(cols_.index.begin(), cols_.index.end()) : 0;
  hi_ = n ? *std::max_element(cols_.index.begin(), cols_.index.end()) : 0;
  r0_ = rows_.outputs() ? *std::min_element(rows_.index.begin(), rows_.index.end()) : 0;
  r1_ = rows_.outputs() ? *std::max_element(rows_.index.begin(), rows_.index.end()) + 1 : 0;
  const int nb = (n + kLanes - 1) / kLanes;
  blocks_.resize(static_cast<std::size_t>(nb));
  rel_.assign(static_cast<std::size_t>(nb) * k * kLanes, 0);
  w_.assign(rel_.size(), 0.0f);
  add_.assign(static_cast<std::size_t>(nb) * k, 0);
  for (int b = 0; b < nb; ++b) {
    const int x0 = b * kLanes, x1 = std::min(n, x0 + kLanes);
    int mn = cols_.index[static_cast<std::size_t>(x0) * k], mx = mn;
    for (int x = x0; x < x1; ++x)
      for (int j = 0; j < k; ++j) {
        const int q = cols_.index[static_cast<std::size_t>(x) * k + j];
        mn = std::min(mn, q);
        mx = std::max(mx, q);
      }
    blocks_[static_cast<std::size_t>(b)] = {mn, mx - mn + 1};
    for (int j = 0; j < k; ++j) {
      std::uint16_t mask = 0;
      for (int x = x0; x < x1; ++x) {
        const std::size_t t = static_cast<std::size_t>(x) * k + j;
        const std::size_t at = (static_cast<std::size_t>(b) * k + j) * kLanes + (x - x0);
        rel_[at] = cols_.index[t] - mn;
        w_[at] = cols_.weight[t];
        if (cols_.add[t]) mask = static_cast<std::uint16_t>(mask | (1u << (x - x0)));
      }
      add_[static_cast<std::size_t>(b) * k + j] = mask;
    }
  }
}

void ResamplePass::build_line(const Image& src, const AxisMap& mx, const AxisMap& my,
                              const std::vector<std::vector<std::uint8_t>>& fills, int contiguous_from, int c, int r,
                              float* line) const {
  const int rc = my.code[static_cast<std::size_t>(r)];
  auto fill = [&](int code) {
    const auto& f = fills[static_cast<std::size_t>(code)];
    return static_cast<float>(f.size() == 1 ? f[0] : f[static_cast<std::size_t>(c)]);
  };
  if (rc < 0) {
    const std::uint8_t* row = src.u8.data() + src.index(c, my.src[static_cast<std::size_t>(r)], 0);
    if (contiguous_from >= 0) {  // the common case: a run of the source row
      const float one = 1.0f;
      // A one-tap "vertical pass" with weight 1 is the exact u8 -> f32 conversion, vectorised.
      const std::uint8_t* rows[1] = {row + contiguous_from};
      const std::uint8_t add[1] = {0};
      vertical(rows, &one, add, 1, hi_ - lo_ + 1, line);
      return;
    }
    for (int q = lo_; q <= hi_; ++q) {
      const int cx = mx.code[static_cast<std::size_t>(q)];
      line[q - lo_] = cx >= 0 ? fill(cx) : static_cast<float>(row[mx.src[static_cast<std::size_t>(q)]]);
    }
    return;
  }
  for (int q = lo_; q <= hi_; ++q) line[q - lo_] = fill(std::max(rc, mx.code[static_cast<std::size_t>(q)]));
}

void ResamplePass::horizontal_scalar(const float* line, float* out) const {
  const int n = cols_.outputs(), k = cols_.taps;
  for (int x = 0; x < n; ++x) {
    const std::size_t t = static_cast<std::size_t>(x) * k;
    float acc = line[cols_.index[t] - lo_] * cols_.weight[t];
    for (int j = 1; j < k; ++j) {
      const float v = line[cols_.index[t + j] - lo_], w = cols_.weight[t + j];
      if (cols_.add[t + j]) {
        const float p = v * w;
        acc = acc + p;
      } else {
        acc = std::fma(v, w, acc);
      }
    }
    out[x] = acc;
  }
}

__attribute__((target("avx512f"))) void ResamplePass::horizontal_avx512(const float* line, float* out) const {
  const int n = cols_.outputs(), k = cols_.taps;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const Block& blk = blocks_[b];
    const int x0 = static_cast<int>(b) * kLanes;
    const int lanes = std::min(kLanes, n - x0);
    if (blk.span > kMaxSpan) {  // a window too wide for the registers (a reflected pad, a huge downscale)
      for (int l = 0; l < lanes; ++l) {
        const std::size_t t = static_cast<std::size_t>(x0 + l) * k;
        float acc = line[cols_.index[t] - lo_] * cols_.weight[t];
        for (int j = 1; j < k; ++j) {
          const float v = line[cols_.index[t + j] - lo_], w = cols_.weight[t + j];
          if (cols_.add[t + j]) {
            const float p = v * w;
            acc = acc + p;
          } else {
            acc = std::fma(v, w, acc);
          }
        }
        out[x0 + l] = acc;
      }
      continue;
    }
    // The line is padded by kMaxSpan floats, so loading a full window never reads past it.
    const float* win = line + (blk.base - lo_);
    const std::size_t at = b * static_cast<std::size_t>(k);
    const std::int32_t* rel = rel_.data() + at * kLanes;
    const float* w = w_.data() + at * kLanes;
    const std::uint16_t* add = add_.data() + at;
    const __m512 acc = blk.span <= 16   ? block_taps<1>(win, rel, w, add, k)
                       : blk.span <= 32 ? block_taps<2>(win, rel, w, add, k)
                                        : block_taps<4>(win, rel, w, add, k);
    if (lanes == kLanes)
      _mm512_storeu_ps(out + x0, acc);
    else
      _mm512_mask_storeu_ps(out + x0, static_cast<__mmask16>((1u << lanes) - 1u), acc);
  }
}

void ResamplePass::horizontal(const float* line, float* out) const {
  if (vectorised())
    horizontal_avx512(line, out);
  else
    horizontal_scalar(line, out);
}

void ResamplePass::run(const Image& src, const AxisMap& mx, const AxisMap& my,
                       const std::vector<std::vector<std::uint8_t>>& fills, float* out, Scratch& scratch) const {
  const int ow = width(), oh = height(), ky = rows_.taps;
  if (ow == 0 || oh == 0) return;
  const int line_w = hi_ - lo_ + 1;
  // The line is padded by kMaxSpan floats (zeros) so that a block's window load never reads past it.
  float* line = static_cast<float*>(scratch.get("resample_line", sizeof(float) * (line_w + kMaxSpan)));
  std::fill(line + line_w, line + line_w + kMaxSpan, 0.0f);
  // Whether the columns read are one run of source columns without fills (no flip or pad before the resample).
  int contiguous_from = mx.src[static_cast<std::size_t>(lo_)];
  for (int q = lo_; q <= hi_ && contiguous_from >= 0; ++q)
    if (mx.code[static_cast<std::size_t>(q)] >= 0 || mx.src[static_cast<std::size_t>(q)] != contiguous_from + (q - lo_))
      contiguous_from = -1;
  std::vector<const float*> frows(static_cast<std::size_t>(ky));
  float* tmp = static_cast<float*>(scratch.get("resample_tmp", sizeof(float) * (r1_ - r0_) * ow));
  for (int c = 0; c < src.c(); ++c) {
    float* plane = out + static_cast<std::size_t>(c) * oh * ow;
    // torch's order: the horizontal pass over every virtual row read, then the vertical pass.
    for (int r = r0_; r < r1_; ++r) {
      build_line(src, mx, my, fills, contiguous_from, c, r, line);
      horizontal(line, tmp + static_cast<std::size_t>(r - r0_) * ow);
    }
    for (int y = 0; y < oh; ++y) {
      const std::size_t t = static_cast<std::size_t>(y) * ky;
      for (int j = 0; j < ky; ++j)
        frows[static_cast<std::size_t>(j)] =
            tmp + static_cast<std::size_t>(rows_.index[t + static_cast<std::size_t>(j)] - r0_) * ow;
      vertical(frows.data(), rows_.weight.data() + t, rows_.add.data() + t, ky, ow,
               plane + static_cast<std::size_t>(y) * ow);
    }
  }
}

}  // namespace auger::rt::fused
