#include "runtime/fused/row_pass.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace auger::rt::fused {

namespace {

constexpr int kLanes = 16;
constexpr int kMaxSpan = 64;  // four zmm registers of window

}  // namespace

RowPass::RowPass(AxisTaps cols) : cols_(std::move(cols)) {
  const int n = cols_.outputs(), k = cols_.taps;
  lo_ = n ? *std::min_element(cols_.index.begin(), cols_.index.end()) : 0;
  hi_ = n ? *std::max_element(cols_.index.begin(), cols_.index.end()) : 0;
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

bool RowPass::vectorised() {
  static const bool yes = __builtin_cpu_supports("avx512f");
  return yes;
}

void RowPass::build_line(const Image& src, const AxisMap& mx, const AxisMap& my,
                         const std::vector<std::vector<std::uint8_t>>& fills, int c, int r, float* line) const {
  const int rc = my.code[static_cast<std::size_t>(r)];
  auto fill = [&](int code) {
    const auto& f = fills[static_cast<std::size_t>(code)];
    return static_cast<float>(f.size() == 1 ? f[0] : f[static_cast<std::size_t>(c)]);
  };
  if (rc < 0) {
    const std::uint8_t* row = src.u8.data() + src.index(c, my.src[static_cast<std::size_t>(r)], 0);
    // The common case: a run of the source row, converted in one go.
    bool contiguous = true;
    const int s0 = mx.src[static_cast<std::size_t>(lo_)];
    for (int q = lo_; q <= hi_ && contiguous; ++q)
      contiguous = mx.code[static_cast<std::size_t>(q)] < 0 && mx.src[static_cast<std::size_t>(q)] == s0 + (q - lo_);
    if (contiguous) {
      for (int q = lo_; q <= hi_; ++q) line[q - lo_] = static_cast<float>(row[s0 + (q - lo_)]);
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

void RowPass::scalar_row(const float* line, float* out) const {
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

__attribute__((target("avx512f"))) void RowPass::vector_row(const float* line, float* out) const {
  const int n = cols_.outputs(), k = cols_.taps;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const Block& blk = blocks_[b];
    const int x0 = static_cast<int>(b) * kLanes;
    const int lanes = std::min(kLanes, n - x0);
    const __mmask16 store = static_cast<__mmask16>((1u << lanes) - 1u);
    if (blk.span > kMaxSpan) {  // a window too wide for the registers (a reflected pad, a huge downscale)
      float tmp[kLanes];
      for (int l = 0; l < lanes; ++l) {
        const std::size_t t = static_cast<std::size_t>(x0 + l) * k;
        float acc = line[cols_.index[t] - lo_] * cols_.weight[t];
        for (int j = 1; j < k; ++j) {
          const float v = line[cols_.index[t + j] - lo_], w = cols_.weight[t + j];
          acc = cols_.add[t + j] ? acc + v * w : std::fma(v, w, acc);
        }
        tmp[l] = acc;
      }
      std::memcpy(out + x0, tmp, sizeof(float) * static_cast<std::size_t>(lanes));
      continue;
    }
    const float* win = line + (blk.base - lo_);
    // The line is padded by kMaxSpan floats, so loading a full window never reads past it.
    const __m512 w0 = _mm512_loadu_ps(win), w1 = _mm512_loadu_ps(win + 16);
    const __m512 w2 = _mm512_loadu_ps(win + 32), w3 = _mm512_loadu_ps(win + 48);
    const __m512i thirty_two = _mm512_set1_epi32(32);
    __m512 acc = _mm512_setzero_ps();
    for (int j = 0; j < k; ++j) {
      const std::size_t at = (b * static_cast<std::size_t>(k) + static_cast<std::size_t>(j)) * kLanes;
      const __m512i idx = _mm512_loadu_si512(rel_.data() + at);
      __m512 v = _mm512_permutex2var_ps(w0, idx, w1);
      if (blk.span > 32) {
        const __m512 hi = _mm512_permutex2var_ps(w2, idx, w3);
        v = _mm512_mask_blend_ps(_mm512_cmpge_epi32_mask(idx, thirty_two), v, hi);
      }
      const __m512 w = _mm512_loadu_ps(w_.data() + at);
      if (j == 0) {
        acc = _mm512_mul_ps(v, w);
      } else {
        const __mmask16 add = add_[b * static_cast<std::size_t>(k) + static_cast<std::size_t>(j)];
        const __m512 fused = _mm512_fmadd_ps(v, w, acc);
        acc = add ? _mm512_mask_blend_ps(add, fused, _mm512_add_ps(acc, _mm512_mul_ps(v, w))) : fused;
      }
    }
    _mm512_mask_storeu_ps(out + x0, store, acc);
  }
}

void RowPass::run(const Image& src, const AxisMap& mx, const AxisMap& my,
                  const std::vector<std::vector<std::uint8_t>>& fills, int r0, int r1, float* out) const {
  const int n = cols_.outputs();
  if (n == 0) return;
  std::vector<float> line(static_cast<std::size_t>(hi_ - lo_ + 1 + kMaxSpan), 0.0f);
  const bool simd = vectorised();
  const std::size_t rows = static_cast<std::size_t>(r1 - r0);
  for (int c = 0; c < src.c(); ++c)
    for (int r = r0; r < r1; ++r) {
      build_line(src, mx, my, fills, c, r, line.data());
      float* o = out + (static_cast<std::size_t>(c) * rows + static_cast<std::size_t>(r - r0)) * n;
      if (simd)
        vector_row(line.data(), o);
      else
        scalar_row(line.data(), o);
    }
}

}  // namespace auger::rt::fused
