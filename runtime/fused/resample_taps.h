// The per-output index and weight tables of torch's resize kernels (torch 1.13's UpSampleKernel.cpp, as
// runtime/ops/reference/resample.cpp reproduces them), one axis at a time. They are what makes one separable
// kernel serve every interpolation: nearest, bilinear and bicubic, with or without antialiasing, are only
// different tables. Taps are stored in accumulation order: tap 0's product first, then for each further tap
// either a fused multiply-add or the addition of its rounded product (`add`), exactly as the reference sums.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/ops/args.h"

namespace auger::rt::fused {

enum class Interp { Nearest, Bilinear, Bicubic };

// An op's `interp` argument (`fallback` when it has none) as an Interp; false for a name the kernels do not have.
bool parse_interp(const Args& a, const char* fallback, Interp* out);

struct AxisTaps {
  int taps = 0;                   // per output (padded with zero weights, which add exact zeros)
  std::vector<int> index;         // out * taps: input indices
  std::vector<float> weight;      // out * taps
  std::vector<std::uint8_t> add;  // out * taps: 1 = acc + round(x * w), 0 = fma(x, w, acc); tap 0 is x * w
  [[nodiscard]] int outputs() const { return taps ? static_cast<int>(index.size()) / taps : 0; }
};

// One tap of weight 1 per output: what torch computes when it skips a pass (the side does not change).
AxisTaps identity_taps(int n);

// The tables of F.resize along one axis from `in` to `out` samples. `antialias` selects _upsample_*_aa (ignored for
// nearest). For the antialiased kernels an unchanged side is skipped, as torch does.
AxisTaps resample_taps(int in, int out, Interp interp, bool antialias);

// The same tables, made once per (in, out, interp, antialias) and shared by the process: random_resized_crop's
// boxes come in a few hundred sizes, so after a while every sample finds its tables made.
std::shared_ptr<const AxisTaps> cached_resample_taps(int in, int out, Interp interp, bool antialias);
std::shared_ptr<const AxisTaps> cached_identity_taps(int n);

}  // namespace auger::rt::fused
