#include "runtime/fused/warp_pass.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/ops/torch_compat/affine_rules.h"

// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own _mm512_undefined_* placeholders.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

// The reference's roundings exactly: where torch fuses a multiply-add this code says fma, and the compiler must
// fuse nothing else (it would in the AVX-512 functions, where FMA is available, and intrinsics are plain vector
// arithmetic to GCC).
#pragma GCC optimize("fp-contract=off")

namespace auger::rt::fused {

namespace {

bool avx512() {
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi");
  return yes;
}

// One output row, pixel by pixel: the reference's arithmetic with std::fma and nearbyint.
void row_scalar(const Image& src, const AffineGrid& g, const std::vector<int>& xs, float by,
                const std::vector<std::uint8_t>& fill, std::uint8_t* const* out) {
  const int w = src.w(), h = src.h();
  const std::size_t plane = static_cast<std::size_t>(w) * h;
  const float gy_b = by * g.r[1][1], gx_b = by * g.r[0][1];
  for (std::size_t X = 0; X < xs.size(); ++X) {
    const float bx = g.base_x + static_cast<float>(xs[X]);
    float gx = bx * g.r[0][0];
    gx = gx + gx_b;
    gx = gx + g.r[0][2];
    float gy = bx * g.r[1][0];
    gy = gy + gy_b;
    gy = gy + g.r[1][2];
    const float rx = std::nearbyint(torch_compat::grid_sampler_unnormalize(gx, g.half_w));
    const float ry = std::nearbyint(torch_compat::grid_sampler_unnormalize(gy, g.half_h));
    const bool inside = rx >= 0.0f && rx < static_cast<float>(w) && ry >= 0.0f && ry < static_cast<float>(h);
    const std::size_t at = inside ? static_cast<std::size_t>(ry) * w + static_cast<std::size_t>(rx) : 0;
    for (int c = 0; c < src.c(); ++c) out[c][X] = inside ? src.u8[c * plane + at] : fill[static_cast<std::size_t>(c)];
  }
}

// One output row's sampling grid, 16 pixels at a time, with the reference's roundings: the nearest source pixel
// (xi, yi) of each output pixel and which of them fall inside the source.
struct NearestRow {
  __m512 r00, r10, gx_b, gy_b, r02, r12, base, one, minus_half, half_w, half_h, fw, fh;

  __attribute__((target("avx512f,avx512bw,avx512vl"))) NearestRow(const AffineGrid& g, float by, int w, int h)
      : r00(_mm512_set1_ps(g.r[0][0])),
        r10(_mm512_set1_ps(g.r[1][0])),
        gx_b(_mm512_set1_ps(by * g.r[0][1])),
        gy_b(_mm512_set1_ps(by * g.r[1][1])),
        r02(_mm512_set1_ps(g.r[0][2])),
        r12(_mm512_set1_ps(g.r[1][2])),
        base(_mm512_set1_ps(g.base_x)),
        one(_mm512_set1_ps(1.0f)),
        minus_half(_mm512_set1_ps(-0.5f)),
        half_w(_mm512_set1_ps(g.half_w)),
        half_h(_mm512_set1_ps(g.half_h)),
        fw(_mm512_set1_ps(static_cast<float>(w))),
        fh(_mm512_set1_ps(static_cast<float>(h))) {}

  // Pixels X..X+15 of the row (lanes beyond `m` are outside).
  __attribute__((target("avx512f,avx512bw,avx512vl"))) __mmask16 at(const int* xs, __mmask16 m, __m512i* xi,
                                                                    __m512i* yi) const {
    const __m512 bx = _mm512_add_ps(base, _mm512_cvtepi32_ps(_mm512_maskz_loadu_epi32(m, xs)));
    const __m512 gx = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(bx, r00), gx_b), r02);
    const __m512 gy = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(bx, r10), gy_b), r12);
    constexpr int kNearest = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;  // half to even, as nearbyint
    const __m512 rx = _mm512_roundscale_ps(_mm512_fmadd_ps(_mm512_add_ps(gx, one), half_w, minus_half), kNearest);
    const __m512 ry = _mm512_roundscale_ps(_mm512_fmadd_ps(_mm512_add_ps(gy, one), half_h, minus_half), kNearest);
    *xi = _mm512_cvtps_epi32(rx);
    *yi = _mm512_cvtps_epi32(ry);
    // NaN compares false, so it lands outside as in the reference.
    return m & _mm512_cmp_ps_mask(rx, _mm512_setzero_ps(), _CMP_GE_OQ) & _mm512_cmp_ps_mask(rx, fw, _CMP_LT_OQ) &
           _mm512_cmp_ps_mask(ry, _mm512_setzero_ps(), _CMP_GE_OQ) & _mm512_cmp_ps_mask(ry, fh, _CMP_LT_OQ);
  }
};

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi"))) void row_avx512(const Image& src, const AffineGrid& g,
                                                                                const std::vector<int>& xs, float by,
                                                                                const std::vector<std::uint8_t>& fill,
                                                                                bool monotone,
                                                                                std::uint8_t* const* out) {
  const int w = src.w(), h = src.h(), n = static_cast<int>(xs.size()), nc = src.c();
  const std::size_t plane = static_cast<std::size_t>(w) * h;
  const NearestRow grid(g, by, w, h);
  const __m512i width = _mm512_set1_epi32(w), low_byte = _mm512_set1_epi32(0xFF);
  for (int X = 0; X < n; X += 16) {
    const __mmask16 m = n - X >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - X)) - 1u);
    __m512i xi, yi;
    const __mmask16 inside = grid.at(xs.data() + X, m, &xi, &yi);
    if (inside == 0) {  // all fill
      for (int c = 0; c < nc; ++c)
        _mm_mask_storeu_epi8(out[c] + X, m, _mm_set1_epi8(static_cast<char>(fill[static_cast<std::size_t>(c)])));
      continue;
    }
    // Small rotations and shears read each block of 16 pixels from a few source rows and a short run of columns:
    // then each row's run is loaded once and vpermb picks the bytes, much cheaper than a gather.
    int y_lo, y_hi, x_lo, x_hi;
    if (monotone) {
      // Along a row the grid is monotone in x (each f32 step is, with fixed operands, and so is rounding), and a
      // line meets the image in one run of pixels: the extremes are at the first and last pixel inside.
      // (Lanes are extracted with a permute: reading back a stored vector stalls on store forwarding.)
      const int first = __builtin_ctz(inside), last = 31 - __builtin_clz(static_cast<unsigned>(inside));
      const __m512i at_first = _mm512_set1_epi32(first), at_last = _mm512_set1_epi32(last);
      const auto lane = [](__m512i v, const __m512i& at) {
        return _mm_cvtsi128_si32(_mm512_castsi512_si128(_mm512_permutexvar_epi32(at, v)));
      };
      const int xf = lane(xi, at_first), xl = lane(xi, at_last), yf = lane(yi, at_first), yl = lane(yi, at_last);
      y_lo = std::min(yf, yl);
      y_hi = std::max(yf, yl);
      x_lo = std::min(xf, xl);
      x_hi = std::max(xf, xl);
    } else {
      y_lo = _mm512_mask_reduce_min_epi32(inside, yi);
      y_hi = _mm512_mask_reduce_max_epi32(inside, yi);
      x_lo = _mm512_mask_reduce_min_epi32(inside, xi);
      x_hi = _mm512_mask_reduce_max_epi32(inside, xi);
    }
    if (y_hi - y_lo < 4 && x_hi - x_lo < 64) {
      const __m512i idx = _mm512_castsi128_si512(_mm512_cvtepi32_epi8(_mm512_sub_epi32(xi, _mm512_set1_epi32(x_lo))));
      const int run = std::min(64, w - x_lo);
      const __mmask64 load = run >= 64 ? ~__mmask64{0} : ((__mmask64{1} << run) - 1);
      __mmask16 on_row[4];
      for (int r = y_lo; r <= y_hi; ++r) on_row[r - y_lo] = inside & _mm512_cmpeq_epi32_mask(yi, _mm512_set1_epi32(r));
      for (int c = 0; c < nc; ++c) {
        __m128i v = _mm_set1_epi8(static_cast<char>(fill[static_cast<std::size_t>(c)]));
        const std::uint8_t* p = src.u8.data() + c * plane + x_lo;
        for (int r = y_lo; r <= y_hi; ++r) {
          const __m512i row = _mm512_maskz_loadu_epi8(load, p + static_cast<std::size_t>(r) * w);
          v = _mm_mask_blend_epi8(on_row[r - y_lo], v, _mm512_castsi512_si128(_mm512_permutexvar_epi8(idx, row)));
        }
        _mm_mask_storeu_epi8(out[c] + X, m, v);
      }
      continue;
    }
    const __m512i at = _mm512_add_epi32(_mm512_mullo_epi32(yi, width), xi);
    for (int c = 0; c < nc; ++c) {
      const __m512i f = _mm512_set1_epi32(fill[static_cast<std::size_t>(c)]);
      __m512i v;
      // A 4-byte gather of a u8: read forward in the planes before the last (the next plane follows), backward
      // (the byte is the top one) in the last, so no read passes the image's storage.
      if (c + 1 < nc) {
        const auto* p = reinterpret_cast<const int*>(src.u8.data() + c * plane);
        v = _mm512_and_si512(_mm512_mask_i32gather_epi32(f, inside, at, p, 1), low_byte);
      } else {
        const auto* p = reinterpret_cast<const int*>(src.u8.data() + c * plane - 3);
        v = _mm512_srli_epi32(_mm512_mask_i32gather_epi32(_mm512_slli_epi32(f, 24), inside, at, p, 1), 24);
      }
      _mm_mask_storeu_epi8(out[c] + X, m, _mm512_cvtepi32_epi8(v));
    }
  }
}

// Translations and horizontal shears read each output row from one source row, shifted by a whole number of pixels:
// when the exact grid says so (every pixel inside reads row y, column X + dx, and those pixels are one run) the row
// is a copy between fills. Returns false, having written nothing, when the row is not such a shift.
__attribute__((target("avx512f,avx512bw,avx512vl"))) bool row_shift_avx512(const Image& src, const AffineGrid& g,
                                                                           const std::vector<int>& xs, float by,
                                                                           const std::vector<std::uint8_t>& fill,
                                                                           std::uint8_t* const* out) {
  const int w = src.w(), h = src.h(), n = static_cast<int>(xs.size()), nc = src.c();
  const NearestRow grid(g, by, w, h);
  const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  int first = -1, last = -1, count = 0, dx = 0, y = 0;
  __m512i want_y = _mm512_setzero_si512(), want_dx = _mm512_setzero_si512();
  for (int X = 0; X < n; X += 16) {
    const __mmask16 m = n - X >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - X)) - 1u);
    __m512i xi, yi;
    const __mmask16 inside = grid.at(xs.data() + X, m, &xi, &yi);
    if (inside == 0) continue;
    const __m512i col = _mm512_add_epi32(_mm512_set1_epi32(X), iota);
    if (first < 0) {
      const int f = __builtin_ctz(inside);
      const __m512i at = _mm512_set1_epi32(f);
      const auto lane = [&](__m512i v) {
        return _mm_cvtsi128_si32(_mm512_castsi512_si128(_mm512_permutexvar_epi32(at, v)));
      };
      first = X + f;
      y = lane(yi);
      dx = lane(xi) - first;
      want_y = _mm512_set1_epi32(y);
      want_dx = _mm512_set1_epi32(dx);
    }
    if (_mm512_mask_cmpneq_epi32_mask(inside, yi, want_y) ||
        _mm512_mask_cmpneq_epi32_mask(inside, xi, _mm512_add_epi32(col, want_dx)))
      return false;
    count += __builtin_popcount(inside);
    last = X + 31 - __builtin_clz(static_cast<unsigned>(inside));
  }
  if (count != (first < 0 ? 0 : last - first + 1)) return false;  // the pixels inside are not one run
  const std::size_t plane = static_cast<std::size_t>(w) * h;
  for (int c = 0; c < nc; ++c) {
    std::uint8_t* o = out[c];
    const std::uint8_t f = fill[static_cast<std::size_t>(c)];
    if (count == 0) {
      std::memset(o, f, static_cast<std::size_t>(n));
      continue;
    }
    std::memset(o, f, static_cast<std::size_t>(first));
    std::memcpy(o + first, src.u8.data() + c * plane + static_cast<std::size_t>(y) * w + (first + dx),
                static_cast<std::size_t>(count));
    std::memset(o + last + 1, f, static_cast<std::size_t>(n - last - 1));
  }
  return true;
}

}  // namespace

void nearest_affine_warp(const Image& src, const AffineGrid& g, const std::vector<int>& xs, const std::vector<int>& ys,
                         const std::vector<std::uint8_t>& fill, std::uint8_t* out) {
  const std::size_t ow = xs.size(), oh = ys.size();
  std::vector<std::uint8_t*> rows(static_cast<std::size_t>(src.c()));
  // The backward read of the last plane needs a plane before it.
  const bool simd = avx512() && src.c() >= 2;
  // Output columns in order (or reversed, after a flip): no remap after the warp that pads or crops.
  bool up = true, down = true;
  for (std::size_t X = 1; X < xs.size(); ++X) {
    up = up && xs[X] == xs[X - 1] + 1;
    down = down && xs[X] == xs[X - 1] - 1;
  }
  // Tried row by row until a row is not a shift (then the warp is a rotation or a vertical shear).
  bool shifts = simd && up;
  for (std::size_t Y = 0; Y < oh; ++Y) {
    for (int c = 0; c < src.c(); ++c) rows[static_cast<std::size_t>(c)] = out + (c * oh + Y) * ow;
    const float by = g.base_y + static_cast<float>(ys[Y]);
    if (shifts && row_shift_avx512(src, g, xs, by, fill, rows.data())) continue;
    shifts = false;
    if (simd)
      row_avx512(src, g, xs, by, fill, up || down, rows.data());
    else
      row_scalar(src, g, xs, by, fill, rows.data());
  }
}

}  // namespace auger::rt::fused
