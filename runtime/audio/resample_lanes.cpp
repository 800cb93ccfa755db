#include "runtime/audio/resample_lanes.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace auger::rt::audio {

namespace {

// Eight consecutive phases side by side, one per lane: their runs of taps start within a few samples of each other,
// so one broadcast input sample meets each lane's weight for it (zero outside the lane's run). Consecutive outputs
// in lanes rather than one output's taps: each output stays a single sum in tap order, and the lanes' outputs are
// adjacent in memory.
constexpr int kLanes = 8;
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

// The weights of phases [i0, i0 + lanes) by tap from `lo` (the first phase's first tap) on: rows of kLanes floats.
// Plain floats, read with unaligned loads: a std::vector of Lanes is not 32-byte aligned in a build for SSE alone.
std::int64_t lane_weights(const SincKernel& k, std::int64_t i0, int lanes, std::vector<float>& rows) {
  TapRun runs[kLanes];
  k.runs(i0, lanes, runs);
  const std::int64_t lo = runs[0].lo;
  std::int64_t hi = lo;
  for (int l = 0; l < lanes; ++l) hi = std::max(hi, runs[l].hi);
  rows.assign(static_cast<std::size_t>(hi - lo + 1) * kLanes, 0.0f);
  for (int l = 0; l < lanes; ++l) {
    float* row = rows.data() + static_cast<std::size_t>(runs[l].lo - lo) * kLanes + l;
    for (std::int64_t j = runs[l].lo, m = k.m(i0 + l, j); j <= runs[l].hi; ++j, m += k.next, row += kLanes)
      *row = k.weight[static_cast<std::size_t>(m < 0 ? -m : m)];  // |m| < size inside the run
  }
  return lo;
}

// The outputs of one block of phases for every j: lane l of output o = j * next + i0 + l adds rows[p] * x[j * orig +
// lo + p] for p ascending. Written twice, the same arithmetic: whole AVX2 registers where the CPU has them (no FMA:
// a product and a sum, each rounded, as the scalar loop), else two SSE halves (a 32-byte vector on SSE alone is kept
// in memory by GCC, its every add a store and a load).
struct Block {
  const float* x;     // padded input from the block's first tap on
  const float* rows;  // taps x kLanes
  std::size_t taps, lanes, orig, next;
};

// Lanes [0, b.lanes) of `sums` to out[o + l], those below out_len (all eight at once but at the ends: a copy of a
// variable count is a call to memmove).
__attribute__((always_inline)) inline void store(const Block& b, const float* sums, float* out, std::size_t o,
                                                 std::size_t out_len) {
  if (b.lanes == kLanes && out_len - o >= kLanes) {
    std::memcpy(out + o, sums, kLanes * sizeof(float));
    return;
  }
  for (std::size_t l = 0; l < b.lanes && o + l < out_len; ++l) out[o + l] = sums[l];
}

// kChains js at a time: each output's sum is a chain of dependent adds (3 or 4 cycles each), so one chain would
// leave the adders idle. A last group of fewer js repeats its last j in the spare chains (a phase has only a dozen
// js or so: a slower loop for the rest would cost as much as the groups).
constexpr std::size_t kChains = 4;

__attribute__((target("avx2"))) void block_sums_avx2(const Block& b, float* out, std::size_t out_len) {
  const std::size_t js = (out_len + b.next - 1) / b.next;  // js with an output in the block's first lane
  for (std::size_t j = 0; j < js; j += kChains) {
    const float* x[kChains];
    for (std::size_t c = 0; c < kChains; ++c) x[c] = b.x + std::min(j + c, js - 1) * b.orig;
    Lanes acc[kChains] = {};
    for (std::size_t p = 0; p < b.taps; ++p) {
      Lanes w;
      std::memcpy(&w, b.rows + p * kLanes, sizeof w);
#pragma GCC unroll 8
      for (std::size_t c = 0; c < kChains; ++c) acc[c] += w * x[c][p];
    }
    float sums[kChains][kLanes];
    std::memcpy(sums, acc, sizeof acc);
    for (std::size_t c = 0; c < kChains && j + c < js; ++c) store(b, sums[c], out, (j + c) * b.next, out_len);
  }
}

typedef float Half __attribute__((vector_size(kLanes / 2 * sizeof(float))));

void block_sums_sse(const Block& b, float* out, std::size_t out_len) {
  const float* x = b.x;
  for (std::size_t o = 0; o < out_len; o += b.next, x += b.orig) {
    Half lo{}, hi{};
    for (std::size_t p = 0; p < b.taps; ++p) {
      Half w[2];
      std::memcpy(w, b.rows + p * kLanes, sizeof w);
      lo += w[0] * x[p], hi += w[1] * x[p];
    }
    float sums[kLanes];
    std::memcpy(sums, &lo, sizeof lo), std::memcpy(sums + kLanes / 2, &hi, sizeof hi);
    store(b, sums, out, o, out_len);
  }
}

}  // namespace

void resample_lanes(const float* padded, const SincKernel& k, float* out, std::size_t out_len, bool avx2) {
  static const bool has_avx2 = __builtin_cpu_supports("avx2");
  avx2 = avx2 && has_avx2;
  std::vector<float> rows;
  const auto next = static_cast<std::size_t>(k.next), orig = static_cast<std::size_t>(k.orig);
  for (std::size_t i0 = 0; i0 < next && i0 < out_len; i0 += kLanes) {
    const std::size_t lanes = std::min<std::size_t>(kLanes, next - i0);
    const auto lo = lane_weights(k, static_cast<std::int64_t>(i0), static_cast<int>(lanes), rows);
    const Block b{padded + lo, rows.data(), rows.size() / kLanes, lanes, orig, next};
    (avx2 ? block_sums_avx2 : block_sums_sse)(b, out + i0, out_len - i0);
  }
}

}  // namespace auger::rt::audio
