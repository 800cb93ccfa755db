#include "runtime/audio/sinc_kernel.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace auger::rt::audio {

namespace {

constexpr double kLowpassWidth = 6;
constexpr double kRolloff = 0.99;
// Table entries per exact sine and cosine: the rest follow by one angle addition from a block's first entry (an
// error of ~1e-16, far below the float the weights are rounded to). With pitch_shift's nearly coprime rates, drawn
// anew for every sample, the table has ~1e5 entries and a sin and a cos per entry were most of the op's resampling.
constexpr int kBlock = 256;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

// The number of m >= 0 with t = m * step < 6: beyond them torchaudio clamps t to the window's edge, where
// cos^2 * sinc (~1e-49) rounds to 0 in float.
std::int64_t window_reach(double step) {
  auto n = static_cast<std::int64_t>(std::ceil(kLowpassWidth / step));
  while (n > 0 && static_cast<double>(n - 1) * step >= kLowpassWidth) --n;
  while (static_cast<double>(n) * step < kLowpassWidth) ++n;
  return n;
}

// sinc(pi t) * cos^2(pi t / 12) * scale for t = m * step, m in [m0, m0 + kBlock): sin(pi t) and cos(pi t / 12) by
// angle addition from m0's, with the offsets' sines and cosines from `rot` (4 x kBlock: sin and cos of pi k step,
// then of pi k step / 12). A fixed count and no branch, so the loop vectorises (AVX2 where the CPU has it: the same
// operations, no FMA, so the same bits); m = 0 (0 / 0 here) is the caller's.
__attribute__((target_clones("avx2", "default"))) void fill_block(std::int64_t m0, double step, double scale,
                                                                  const double* rot, float* out) {
  const double pi = std::numbers::pi, a = pi * static_cast<double>(m0) * step;
  const double s0 = std::sin(a), c0 = std::cos(a), ws0 = std::sin(a / 12), wc0 = std::cos(a / 12);
  const double *sn = rot, *cs = rot + kBlock, *wsn = rot + 2 * kBlock, *wcs = rot + 3 * kBlock;
  const auto first = static_cast<double>(m0);
  for (int k = 0; k < kBlock; ++k) {  // int: its conversion to double vectorises
    const double t = (first + k) * step;
    const double s = s0 * cs[k] + c0 * sn[k], wc = wc0 * wcs[k] - ws0 * wsn[k];
    out[k] = static_cast<float>(s / (pi * t) * (wc * wc) * scale);
  }
}

}  // namespace

void SincKernel::runs(std::int64_t first, std::int64_t n, TapRun* out) const {
  // |m| < size <=> i * orig - size < (j - width) * next < i * orig + size: lo - width = ceil((i * orig - size + 1) /
  // next), hi - width = floor((i * orig + size - 1) / next). Each numerator grows by orig from phase to phase, so
  // after the first phase's divisions a quotient and a remainder step along.
  const auto size = static_cast<std::int64_t>(weight.size());
  const std::int64_t step_q = orig / next, step_r = orig % next;
  std::int64_t lo_num = first * orig - size + next, hi_num = first * orig + size - 1;  // floor(lo_num / next) = ceil
  std::int64_t lo_q = floor_div(lo_num, next), lo_r = lo_num - lo_q * next;
  std::int64_t hi_q = floor_div(hi_num, next), hi_r = hi_num - hi_q * next;
  for (std::int64_t i = 0; i < n; ++i) {
    out[i].lo = std::max<std::int64_t>(0, width + lo_q);
    out[i].hi = std::min<std::int64_t>(taps - 1, width + hi_q);
    lo_q += step_q, lo_r += step_r, hi_q += step_q, hi_r += step_r;
    if (lo_r >= next) lo_r -= next, ++lo_q;
    if (hi_r >= next) hi_r -= next, ++hi_q;
  }
}

SincKernel sinc_kernel(std::int64_t orig, std::int64_t next) {
  SincKernel k;
  k.orig = orig, k.next = next;
  const double base = static_cast<double>(std::min(orig, next)) * kRolloff;
  k.width = static_cast<std::int64_t>(std::ceil(kLowpassWidth * static_cast<double>(orig) / base));
  k.taps = 2 * k.width + orig;
  const double step = base / static_cast<double>(orig) / static_cast<double>(next),
               scale = base / static_cast<double>(orig);
  const std::int64_t n = window_reach(step);
  std::vector<double> rot(4 * kBlock);
  for (std::int64_t i = 0; i < kBlock; ++i) {
    const double a = std::numbers::pi * static_cast<double>(i) * step;
    rot[i] = std::sin(a), rot[kBlock + i] = std::cos(a);
    rot[2 * kBlock + i] = std::sin(a / 12), rot[3 * kBlock + i] = std::cos(a / 12);
  }
  k.weight.resize(static_cast<std::size_t>((n + kBlock - 1) / kBlock * kBlock));  // the tail's beyond the window
  for (std::int64_t m0 = 0; m0 < n; m0 += kBlock) fill_block(m0, step, scale, rot.data(), k.weight.data() + m0);
  k.weight.resize(static_cast<std::size_t>(n));
  k.weight[0] = static_cast<float>(scale);  // sinc(0) * cos^2(0)
  return k;
}

}  // namespace auger::rt::audio
