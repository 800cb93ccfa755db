// torchvision's `_get_perspective_coeffs`: the eight coefficients mapping output points onto input points, from
// `torch.linalg.lstsq(A, b, driver="gels")` on float32 data. The system is badly conditioned (entries up to W*H
// next to ones), so float32 LAPACK's answer is off from the exact solution by up to ~1e-3 px; a nearest-neighbour
// perspective would then read a different pixel now and then. So this replays netlib LAPACK 3.11's sgels for a
// square system step by step in float32: Householder QR (sgeqr2: slarfg with snrm2/slapy2, slarf), Q^T b (sorm2r),
// and the triangular solve (strsm), in the reference routines' loop order (Debian's torch links netlib BLAS and
// LAPACK; compiled for x86-64 without FMA, so nothing here may be fused).
#include <cmath>

#include "runtime/ops/reference/geometry.h"

#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma

namespace auger::rt::geo {

namespace {

constexpr int kN = 8;
using Matrix = float[kN][kN];  // [row][column]

// snrm2 (reference BLAS 3.10+): for values in the mid range it is sqrt of the sequential sum of squares.
float snrm2(const float* x, int n, int stride) {
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    const float a = std::fabs(x[i * stride]);
    sum = sum + a * a;
  }
  return std::sqrt(sum);
}

float slapy2(float x, float y) {
  const float xa = std::fabs(x), ya = std::fabs(y);
  const float w = std::max(xa, ya), z = std::min(xa, ya);
  if (z == 0.0f) return w;
  const float q = z / w;
  return w * std::sqrt(1.0f + q * q);
}

// slarfg on column `col` of `a` from row `col` down: returns tau, leaves beta on the diagonal and v below it.
float slarfg(Matrix& a, int col) {
  const int n = kN - col;
  if (n <= 1) return 0.0f;
  float x[kN];
  for (int i = 1; i < n; ++i) x[i - 1] = a[col + i][col];
  const float xnorm = snrm2(x, n - 1, 1);
  if (xnorm == 0.0f) return 0.0f;
  const float alpha = a[col][col];
  const float beta = -std::copysign(slapy2(alpha, xnorm), alpha);
  const float tau = (beta - alpha) / beta;
  const float scal = 1.0f / (alpha - beta);
  for (int i = 1; i < n; ++i) a[col + i][col] = scal * a[col + i][col];
  a[col][col] = beta;
  return tau;
}

// slarf('Left') with v = (1, a[col+1..][col]) applied to the columns `c0`.. of `a` (c0 == kN: to `b` instead).
void slarf_left(Matrix& a, int col, float tau, float* b) {
  if (tau == 0.0f) return;
  float v[kN];
  v[0] = 1.0f;
  for (int i = col + 1; i < kN; ++i) v[i - col] = a[i][col];
  const int m = kN - col;
  auto apply = [&](auto&& at) {  // at(i) is the i-th entry of the column being updated
    float work = 0;
    for (int i = 0; i < m; ++i) work = work + at(i) * v[i];  // sgemv('T')
    if (work != 0.0f) {
      const float temp = -tau * work;  // sger with alpha = -tau
      for (int i = 0; i < m; ++i) at(i) = at(i) + v[i] * temp;
    }
  };
  if (b) {
    apply([&](int i) -> float& { return b[col + i]; });
  } else {
    for (int j = col + 1; j < kN; ++j) apply([&](int i) -> float& { return a[col + i][j]; });
  }
}

}  // namespace

std::array<double, 8> perspective_coeffs(const std::array<double, 8>& startpoints,
                                         const std::array<double, 8>& endpoints) {
  Matrix a{};
  float b[kN];
  for (int i = 0; i < 4; ++i) {
    const double ex = endpoints[2 * i], ey = endpoints[2 * i + 1];
    const double sx = startpoints[2 * i], sy = startpoints[2 * i + 1];
    const double r0[kN] = {ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey};
    const double r1[kN] = {0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey};
    for (int j = 0; j < kN; ++j) {
      a[2 * i][j] = static_cast<float>(r0[j]);
      a[2 * i + 1][j] = static_cast<float>(r1[j]);
    }
    b[2 * i] = static_cast<float>(sx);
    b[2 * i + 1] = static_cast<float>(sy);
  }
  float tau[kN];
  for (int i = 0; i < kN; ++i) {  // sgeqr2
    tau[i] = slarfg(a, i);
    if (i < kN - 1) slarf_left(a, i, tau[i], nullptr);
  }
  for (int i = 0; i < kN; ++i) slarf_left(a, i, tau[i], b);  // sorm2r('L', 'T')
  std::array<double, 8> out{};
  for (int i = 0; i < kN; ++i)
    if (a[i][i] == 0.0f) {
      // strtrs refuses a singular R (torch raises); only degenerate corners (a 1-pixel-wide image) get here, and
      // for them the identity is the one warp that keeps every start point in place.
      return {1, 0, 0, 0, 1, 0, 0, 0};
    }
  for (int k = kN - 1; k >= 0; --k) {  // strsm('L', 'U', 'N', 'N')
    if (b[k] == 0.0f) continue;
    b[k] = b[k] / a[k][k];
    for (int i = 0; i < k; ++i) b[i] = b[i] - b[k] * a[i][k];
  }
  for (int i = 0; i < kN; ++i) out[i] = b[i];
  return out;
}

}  // namespace auger::rt::geo
