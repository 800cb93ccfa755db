// The horizontal pass of the separable resample, on the host.
//
// Why not in Halide: each output column reads its own run of input columns (a gather along x). Halide 14 has no
// gather or dynamic shuffle on x86 and scalarises such loads (measured here: ~0.4 ns per element, 3x the whole
// vertical pass), and a dense weight-matrix formulation wastes 5-8x the arithmetic. AVX-512's two-register
// permute (vpermt2ps) does the gather for 16 output columns in one instruction, so this pass is written with
// intrinsics (a portable scalar loop does the same arithmetic where AVX-512 is missing). Its output rows feed the
// Halide kernel, which does the vertical pass and everything after it. The arithmetic is torch's, tap by tap:
// the first product, then fused multiply-adds or added rounded products as the taps' `add` flags say.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/fused/remap_chain.h"
#include "runtime/fused/resample_taps.h"
#include "runtime/image/image.h"

namespace auger::rt::fused {

class RowPass {
 public:
  // `cols`: the taps of each output column over the virtual input's columns (the input seen through the remaps
  // before the resample); a column with all-zero weights yields 0.
  explicit RowPass(AxisTaps cols);

  // Resamples virtual rows [r0, r1) of every channel: out[(c * (r1 - r0) + (r - r0)) * width() + X]. The virtual
  // pixel (q, r) is src(mx.src[q], my.src[r]) or, where a remap filled it, fills[code][c] (u8).
  void run(const Image& src, const AxisMap& mx, const AxisMap& my, const std::vector<std::vector<std::uint8_t>>& fills,
           int r0, int r1, float* out) const;

  [[nodiscard]] int width() const { return cols_.outputs(); }
  // Whether the AVX-512 path runs on this machine.
  static bool vectorised();

 private:
  struct Block {
    int base = 0;  // first virtual column of the block's window
    int span = 0;  // window length; > 64 falls back to the scalar loop for this block
  };
  void build_line(const Image& src, const AxisMap& mx, const AxisMap& my,
                  const std::vector<std::vector<std::uint8_t>>& fills, int c, int r, float* line) const;
  void scalar_row(const float* line, float* out) const;
  void vector_row(const float* line, float* out) const;

  AxisTaps cols_;
  int lo_ = 0, hi_ = 0;  // the virtual columns any tap reads: [lo_, hi_]
  std::vector<Block> blocks_;
  std::vector<std::int32_t> rel_;   // per block, per tap, 16 lanes: index into the block's window
  std::vector<float> w_;            // per block, per tap, 16 lanes
  std::vector<std::uint16_t> add_;  // per block, per tap: lanes that add a rounded product
};

}  // namespace auger::rt::fused
