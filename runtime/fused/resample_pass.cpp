#include "runtime/fused/resample_pass.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>

#include "runtime/ops/torch_compat/pixel_rules.h"

// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own _mm512_undefined_* placeholders.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// The reference's roundings exactly: where torch fuses a multiply-add this code says fma, and the compiler must
// fuse nothing else (it would in the AVX-512 functions, where FMA is available, and intrinsics are plain vector
// arithmetic to GCC).
#pragma GCC optimize("fp-contract=off")

namespace auger::rt::fused {

namespace {

constexpr int kLanes = 16;
constexpr int kMaxSpan = 64;  // four zmm registers of window

template <class Out>
inline void store1(Out* out, float v) {
  if constexpr (sizeof(Out) == 1)
    *out = torch_compat::round_u8(v);
  else
    *out = v;
}

// The reference's sum of one output: the first product, then per tap a fused multiply-add or (`add`) the addition
// of the rounded product.
inline float accumulate(float acc, float v, float w, bool add) {
  if (add) {
    const float p = v * w;
    return acc + p;
  }
  return std::fma(v, w, acc);
}

template <class Out>
__attribute__((target("avx512f,avx512bw,avx512vl"))) inline void store16(Out* out, __m512 v, __mmask16 m) {
  // Masked stores are slow on some cores (Zen 4): full vectors use plain ones.
  if constexpr (sizeof(Out) == 1) {
    // torch_compat::round_u8 vectorised: round half to even (the conversion's default rounding), clamp below at 0,
    // saturate above 255.
    const __m512i r = _mm512_max_epi32(_mm512_cvtps_epi32(v), _mm512_setzero_si512());
    if (m == 0xFFFF)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm512_cvtusepi32_epi8(r));
    else
      _mm_mask_storeu_epi8(out, m, _mm512_cvtusepi32_epi8(r));
  } else {
    if (m == 0xFFFF)
      _mm512_storeu_ps(out, v);
    else
      _mm512_mask_storeu_ps(out, m, v);
  }
}

// --- contiguous taps: out[x] = sum_j rows[j][x] * w[j], the same weights for every x ---------------------------

template <class T, class Out>
void contiguous_scalar(const T* const* rows, const float* w, const std::uint8_t* add, int taps, int n, Out* out) {
  for (int x = 0; x < n; ++x) {
    float acc = static_cast<float>(rows[0][x]) * w[0];
    for (int j = 1; j < taps; ++j) acc = accumulate(acc, static_cast<float>(rows[j][x]), w[j], add[j] != 0);
    store1(out + x, acc);
  }
}

template <class T>
__attribute__((target("avx512f,avx512bw,avx512vl"))) inline __m512 load16(const T* p, __mmask16 m) {
  if constexpr (sizeof(T) == 1)
    return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(m == 0xFFFF ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(p))
                                                               : _mm_maskz_loadu_epi8(m, p)));
  else
    return m == 0xFFFF ? _mm512_loadu_ps(p) : _mm512_maskz_loadu_ps(m, p);
}

template <class T, class Out>
__attribute__((target("avx512f,avx512bw,avx512vl"))) void contiguous_avx512(const T* const* rows, const float* w,
                                                                            const std::uint8_t* add, int taps, int n,
                                                                            Out* out) {
  for (int x = 0; x < n; x += kLanes) {
    const __mmask16 m = n - x >= kLanes ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - x)) - 1u);
    __m512 acc = _mm512_mul_ps(load16(rows[0] + x, m), _mm512_set1_ps(w[0]));
    for (int j = 1; j < taps; ++j) {
      const __m512 v = load16(rows[j] + x, m), wt = _mm512_set1_ps(w[j]);
      acc = add[j] ? _mm512_add_ps(acc, _mm512_mul_ps(v, wt)) : _mm512_fmadd_ps(v, wt, acc);
    }
    store16(out + x, acc, m);
  }
}

template <class T, class Out>
void contiguous(const T* const* rows, const float* w, const std::uint8_t* add, int taps, int n, Out* out) {
  if (ResamplePass::vectorised())
    contiguous_avx512(rows, w, add, taps, n, out);
  else
    contiguous_scalar(rows, w, add, taps, n, out);
}

// u8 -> f32, exact: 64 bytes a step.
__attribute__((target("avx512f,avx512bw,avx512vl"))) void to_float_avx512(const std::uint8_t* in, int n, float* out) {
  int x = 0;
  for (; x + 64 <= n; x += 64) {
    const __m512i v = _mm512_loadu_si512(in + x);
    _mm512_storeu_ps(out + x, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(v))));
    _mm512_storeu_ps(out + x + 16, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 1))));
    _mm512_storeu_ps(out + x + 32, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 2))));
    _mm512_storeu_ps(out + x + 48, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 3))));
  }
  for (; x < n; x += kLanes) {
    const __mmask16 m = n - x >= kLanes ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - x)) - 1u);
    store16(out + x, load16(in + x, m), m);
  }
}

void to_float(const std::uint8_t* in, int n, float* out) {
  if (ResamplePass::vectorised()) {
    to_float_avx512(in, n, out);
    return;
  }
  for (int x = 0; x < n; ++x) out[x] = static_cast<float>(in[x]);
}

// --- gathered taps: one block of 16 outputs over many lines ------------------------------------------------------

// The block's per-tap permute indices and weights stay in registers while the lines stream through; each line's
// window of up to 16 * Regs inputs is loaded once and each tap is a permute of it (vpermps when the window fits
// one register, vpermt2ps for two, two of them and a blend for four).
template <int K, int Regs, class Out>
__attribute__((target("avx512f,avx512bw,avx512vl"))) void block_lines(const float* lines, std::size_t stride,
                                                                      int nlines, const std::int32_t* rel,
                                                                      const float* w, const std::uint16_t* add,
                                                                      Out* out, std::size_t out_stride, __mmask16 m) {
  __m512i idx[K];
  __m512 wt[K];
  bool any_add = false;
  for (int j = 0; j < K; ++j) {
    idx[j] = _mm512_loadu_si512(rel + kLanes * j);
    wt[j] = _mm512_loadu_ps(w + kLanes * j);
    any_add = any_add || (j > 0 && add[j] != 0);
  }
  const __m512i thirty_two = _mm512_set1_epi32(32);
  for (int l = 0; l < nlines; ++l) {
    const float* win = lines + static_cast<std::size_t>(l) * stride;
    const __m512 w0 = _mm512_loadu_ps(win);
    const __m512 w1 = Regs > 1 ? _mm512_loadu_ps(win + 16) : w0;
    const __m512 w2 = Regs > 2 ? _mm512_loadu_ps(win + 32) : w0;
    const __m512 w3 = Regs > 2 ? _mm512_loadu_ps(win + 48) : w0;
    __m512 acc = _mm512_setzero_ps();
    for (int j = 0; j < K; ++j) {
      __m512 v;
      if constexpr (Regs == 1) {
        v = _mm512_permutexvar_ps(idx[j], w0);
      } else {
        v = _mm512_permutex2var_ps(w0, idx[j], w1);
        if constexpr (Regs > 2)
          v = _mm512_mask_blend_ps(_mm512_cmpge_epi32_mask(idx[j], thirty_two), v,
                                   _mm512_permutex2var_ps(w2, idx[j], w3));
      }
      if (j == 0) {
        acc = _mm512_mul_ps(v, wt[j]);
      } else if (!any_add) {
        acc = _mm512_fmadd_ps(v, wt[j], acc);
      } else {
        // Lanes in `add` add the rounded product (the reference's unrolled loop), the others fuse.
        const __m512 fused = _mm512_fmadd_ps(v, wt[j], acc);
        acc = _mm512_mask_blend_ps(static_cast<__mmask16>(add[j]), fused, _mm512_add_ps(acc, _mm512_mul_ps(v, wt[j])));
      }
    }
    store16(out + static_cast<std::size_t>(l) * out_stride, acc, m);
  }
}

template <int K, class Out>
void block_lines_k(int span, const float* lines, std::size_t stride, int nlines, const std::int32_t* rel,
                   const float* w, const std::uint16_t* add, Out* out, std::size_t out_stride, __mmask16 m) {
  if (span <= 16)
    block_lines<K, 1>(lines, stride, nlines, rel, w, add, out, out_stride, m);
  else if (span <= 32)
    block_lines<K, 2>(lines, stride, nlines, rel, w, add, out, out_stride, m);
  else
    block_lines<K, 4>(lines, stride, nlines, rel, w, add, out, out_stride, m);
}

// Dispatches on the tap count (1..8 keep their tables in registers); false for more taps.
template <class Out>
bool block_lines_any(int k, int span, const float* lines, std::size_t stride, int nlines, const std::int32_t* rel,
                     const float* w, const std::uint16_t* add, Out* out, std::size_t out_stride, __mmask16 m) {
  switch (k) {
#define AUGER_TAPS(K) \
  case K: block_lines_k<K>(span, lines, stride, nlines, rel, w, add, out, out_stride, m); return true;
    AUGER_TAPS(1)
    AUGER_TAPS(2)
    AUGER_TAPS(3)
    AUGER_TAPS(4)
    AUGER_TAPS(5)
    AUGER_TAPS(6)
    AUGER_TAPS(7)
    AUGER_TAPS(8)
#undef AUGER_TAPS
    default: return false;
  }
}

// --- 16x16 byte transposes ----------------------------------------------------------------------------------------

}  // namespace

// --- GatherTaps ---------------------------------------------------------------------------------------------------

GatherTaps::GatherTaps(const AxisTaps& taps, int origin) : taps_(&taps), origin_(origin) {
  const int n = taps.outputs(), k = taps.taps;
  const int nb = (n + kLanes - 1) / kLanes;
  blocks_.resize(static_cast<std::size_t>(nb));
  rel_.assign(static_cast<std::size_t>(nb) * k * kLanes, 0);
  w_.assign(rel_.size(), 0.0f);
  add_.assign(static_cast<std::size_t>(nb) * k, 0);
  for (int b = 0; b < nb; ++b) {
    const int x0 = b * kLanes, x1 = std::min(n, x0 + kLanes);
    int mn = taps.index[static_cast<std::size_t>(x0) * k], mx = mn;
    for (int x = x0; x < x1; ++x)
      for (int j = 0; j < k; ++j) {
        const int q = taps.index[static_cast<std::size_t>(x) * k + j];
        mn = std::min(mn, q);
        mx = std::max(mx, q);
      }
    blocks_[static_cast<std::size_t>(b)] = {mn - origin, mx - mn + 1};
    for (int j = 0; j < k; ++j) {
      std::uint16_t mask = 0;
      for (int x = x0; x < x1; ++x) {
        const std::size_t t = static_cast<std::size_t>(x) * k + j;
        const std::size_t at = (static_cast<std::size_t>(b) * k + j) * kLanes + (x - x0);
        rel_[at] = taps.index[t] - mn;
        w_[at] = taps.weight[t];
        if (taps.add[t]) mask = static_cast<std::uint16_t>(mask | (1u << (x - x0)));
      }
      add_[static_cast<std::size_t>(b) * k + j] = mask;
    }
  }
}

template <class Out>
void GatherTaps::apply_scalar(const float* line, Out* out, int from, int to) const {
  const AxisTaps& t = *taps_;
  const int k = t.taps;
  for (int x = from; x < to; ++x) {
    const std::size_t at = static_cast<std::size_t>(x) * k;
    float acc = line[t.index[at] - origin_] * t.weight[at];
    for (int j = 1; j < k; ++j) acc = accumulate(acc, line[t.index[at + j] - origin_], t.weight[at + j], t.add[at + j]);
    store1(out + x, acc);
  }
}

template <class Out>
void GatherTaps::apply(const float* lines, std::size_t stride, int nlines, Out* out, std::size_t out_stride) const {
  const int n = taps_->outputs(), k = taps_->taps;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const int x0 = static_cast<int>(b) * kLanes, x1 = std::min(n, x0 + kLanes);
    const Block& blk = blocks_[b];
    const std::size_t at = b * static_cast<std::size_t>(k);
    const auto m = static_cast<__mmask16>(x1 - x0 >= kLanes ? 0xFFFFu : (1u << (x1 - x0)) - 1u);
    // A window too wide for the registers (a reflected pad, a huge downscale) or too many taps: scalar code.
    if (ResamplePass::vectorised() && blk.span <= kMaxSpan &&
        block_lines_any(k, blk.span, lines + blk.base, stride, nlines, rel_.data() + at * kLanes,
                        w_.data() + at * kLanes, add_.data() + at, out + x0, out_stride, m))
      continue;
    for (int l = 0; l < nlines; ++l)
      apply_scalar(lines + static_cast<std::size_t>(l) * stride, out + static_cast<std::size_t>(l) * out_stride, x0,
                   x1);
  }
}

template void GatherTaps::apply<float>(const float*, std::size_t, int, float*, std::size_t) const;
template void GatherTaps::apply<std::uint8_t>(const float*, std::size_t, int, std::uint8_t*, std::size_t) const;

// --- ResamplePass -------------------------------------------------------------------------------------------------

bool ResamplePass::vectorised() {
  static const bool yes =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
  return yes;
}

ResamplePass::ResamplePass(AxisTaps cols, AxisTaps rows) : cols_(std::move(cols)), rows_(std::move(rows)) {
  if (cols_.outputs()) {
    lo_ = *std::min_element(cols_.index.begin(), cols_.index.end());
    hi_ = *std::max_element(cols_.index.begin(), cols_.index.end());
  }
  if (rows_.outputs()) {
    r0_ = *std::min_element(rows_.index.begin(), rows_.index.end());
    r1_ = *std::max_element(rows_.index.begin(), rows_.index.end()) + 1;
  }
  col_gather_ = GatherTaps(cols_, lo_);
  ring_ = ring_rows();
}

void ResamplePass::build_line(const Image& src, const AxisMap& mx, const AxisMap& my,
                              const std::vector<std::vector<std::uint8_t>>& fills, int c, int r, float* line) const {
  const int rc = my.code[static_cast<std::size_t>(r)];
  auto fill = [&](int code) {
    const auto& f = fills[static_cast<std::size_t>(code)];
    return static_cast<float>(f.size() == 1 ? f[0] : f[static_cast<std::size_t>(c)]);
  };
  if (rc >= 0) {
    for (int q = lo_; q <= hi_; ++q) line[q - lo_] = fill(std::max(rc, mx.code[static_cast<std::size_t>(q)]));
    return;
  }
  const std::uint8_t* row = src.u8.data() + src.index(c, my.src[static_cast<std::size_t>(r)], 0);
  for (int q = lo_; q <= hi_; ++q) {
    const int cx = mx.code[static_cast<std::size_t>(q)];
    line[q - lo_] = cx >= 0 ? fill(cx) : static_cast<float>(row[mx.src[static_cast<std::size_t>(q)]]);
  }
}

void ResamplePass::horizontal_chunk(const Image& src, const AxisMap& mx, const AxisMap& my,
                                    const std::vector<std::vector<std::uint8_t>>& fills, int c, int r, int count,
                                    int first_col, float* lines, std::size_t line_stride, float* tmp) const {
  constexpr int kPrefetchRows = 6;
  const int nq = hi_ - lo_ + 1;
  for (int l = 0; l < count; ++l) {
    float* line = lines + l * line_stride;
    const int row = r + l;
    if (first_col >= 0 && my.code[static_cast<std::size_t>(row)] < 0) {
      const std::uint8_t* run = src.u8.data() + src.index(c, my.src[static_cast<std::size_t>(row)], 0) + first_col;
      // The source comes from memory (a decoded image is larger than the caches) in short runs the hardware
      // prefetcher does not pick up: ask for the run a few rows ahead.
      if (const int ahead = row + kPrefetchRows; ahead < r1_ && my.code[static_cast<std::size_t>(ahead)] < 0) {
        const std::uint8_t* next = src.u8.data() + src.index(c, my.src[static_cast<std::size_t>(ahead)], 0) + first_col;
        for (int q = 0; q < nq; q += 64) _mm_prefetch(reinterpret_cast<const char*>(next + q), _MM_HINT_T0);
      }
      to_float(run, nq, line);
    } else {
      build_line(src, mx, my, fills, c, row, line);
    }
  }
  col_gather_.apply(lines, line_stride, count, tmp, static_cast<std::size_t>(width()));
}

void ResamplePass::run(const Image& src, const AxisMap& mx, const AxisMap& my,
                       const std::vector<std::vector<std::uint8_t>>& fills, std::uint8_t* out, Scratch& scratch) const {
  if (width() == 0 || height() == 0) return;
  const int ow = width(), oh = height(), ky = rows_.taps, nq = hi_ - lo_ + 1;
  // Whether the columns read are one run of source columns without fills (no flip or pad before the resample):
  // then a row's line is a plain conversion of that run.
  int first_col = mx.src[static_cast<std::size_t>(lo_)];
  for (int q = lo_; q <= hi_ && first_col >= 0; ++q)
    if (mx.code[static_cast<std::size_t>(q)] >= 0 || mx.src[static_cast<std::size_t>(q)] != first_col + (q - lo_))
      first_col = -1;
  // Lines are built kRingChunk rows at a time (an L1-sized chunk) and the horizontal pass runs over the chunk block
  // by block, each block's permute tables held in registers across the chunk's lines. Every line is padded by
  // kMaxSpan floats so that a block's window load never reads past it. The horizontal results go to a ring of
  // ring_ rows, computed just before the first output row that reads them, so the vertical pass reads them from the
  // cache they were written to; each row is still computed once, with the same arithmetic.
  const std::size_t line_stride = static_cast<std::size_t>(nq) + kMaxSpan;
  float* lines = static_cast<float*>(scratch.get("resample_lines", sizeof(float) * line_stride * kRingChunk));
  for (int l = 0; l < kRingChunk; ++l) std::fill(lines + l * line_stride + nq, lines + (l + 1) * line_stride, 0.0f);
  float* tmp = static_cast<float*>(scratch.get("resample_tmp", sizeof(float) * static_cast<std::size_t>(ring_) * ow));
  auto slot = [&](int r) { return tmp + static_cast<std::size_t>((r - r0_) % ring_) * ow; };
  std::vector<const float*> frows(static_cast<std::size_t>(ky));
  for (int c = 0; c < src.c(); ++c) {
    int done = r0_;  // rows [r0_, done) of this channel are in the ring
    std::uint8_t* plane = out + static_cast<std::size_t>(c) * oh * ow;
    for (int y = 0; y < oh; ++y) {
      const std::size_t t = static_cast<std::size_t>(y) * ky;
      const int need = *std::max_element(rows_.index.begin() + static_cast<std::ptrdiff_t>(t),
                                         rows_.index.begin() + static_cast<std::ptrdiff_t>(t + ky)) +
                       1;
      for (; done < need; done += kRingChunk)
        horizontal_chunk(src, mx, my, fills, c, done, std::min(kRingChunk, r1_ - done), first_col, lines, line_stride,
                         slot(done));
      for (int j = 0; j < ky; ++j)
        frows[static_cast<std::size_t>(j)] = slot(rows_.index[t + static_cast<std::size_t>(j)]);
      contiguous(frows.data(), rows_.weight.data() + t, rows_.add.data() + t, ky, ow,
                 plane + static_cast<std::size_t>(y) * ow);
    }
  }
}

int ResamplePass::ring_rows() const {
  const int n = rows_.outputs(), k = rows_.taps, all = r1_ - r0_;
  auto round_up = [](int v) { return (v + kRingChunk - 1) / kRingChunk * kRingChunk; };
  int span = 0, prev_lo = r0_, prev_hi = r0_;
  for (int y = 0; y < n; ++y) {
    const auto first = rows_.index.begin() + static_cast<std::ptrdiff_t>(y) * k;
    const auto [lo, hi] = std::minmax_element(first, first + k);
    // Rows read out of order (no resample does this, but the taps allow it): hold every row.
    if (*lo < prev_lo || *hi < prev_hi) return round_up(all);
    prev_lo = *lo;
    prev_hi = *hi;
    span = std::max(span, *hi - *lo + 1);
  }
  // A chunk ends at most kRingChunk - 1 rows past the last row an output reads, and overwrites the rows a ring
  // length before it: a ring of the widest span plus a chunk keeps every row an output reads.
  return std::min(round_up(all), round_up(span) + kRingChunk);
}

}  // namespace auger::rt::fused
