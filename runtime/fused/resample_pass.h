// The two passes of the separable resample (random_resized_crop, resize), on the host; the Halide kernel then
// rounds their f32 result and runs the steps and the store after it.
//
// Why not in Halide: the horizontal pass reads, for each output column, its own run of input columns (a gather
// along x). Halide 14 has no gather or dynamic shuffle on x86 and scalarises such loads (measured here: ~0.4 ns
// per element, more than everything else in the kernel), a dense weight-matrix formulation wastes 5-8x the
// arithmetic, and it has no fused multiply-add, which torch's sums need bit for bit. AVX-512's permutes
// (vpermps / vpermt2ps) gather 16 output columns' taps in one instruction each and _mm512_fmadd_ps is the fma;
// where AVX-512 is missing a portable scalar loop does the same arithmetic.
//
// The arithmetic is torch's, tap by tap (resample_taps.h), in torch's order: the horizontal pass over every input
// row read, then the vertical pass. (Vertical first would do less work on tall crops, but it rounds differently in
// f32's last bit; a u8 value one off then grows through later ops — contrast, equalize — beyond ops.md §7.)
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/fused/remap_chain.h"
#include "runtime/fused/resample_taps.h"
#include "runtime/fused/scratch.h"
#include "runtime/image/image.h"

namespace auger::rt::fused {

class ResamplePass {
 public:
  // `cols`, `rows`: the taps of each output column and row over the virtual input (the input seen through the
  // remaps before the resample); an output with all-zero weights yields 0 (a pixel a later remap fills).
  ResamplePass(AxisTaps cols, AxisTaps rows);

  // Resamples every channel into out[(c * height() + y) * width() + x] (f32, not rounded). The virtual pixel
  // (q, r) is src(mx.src[q], my.src[r]) or, where a remap filled it, fills[code][c]. Working rows come from
  // `scratch`.
  void run(const Image& src, const AxisMap& mx, const AxisMap& my, const std::vector<std::vector<std::uint8_t>>& fills,
           float* out, Scratch& scratch) const;

  [[nodiscard]] int width() const { return cols_.outputs(); }
  [[nodiscard]] int height() const { return rows_.outputs(); }
  // Whether the AVX-512 path runs on this machine.
  static bool vectorised();

 private:
  struct Block {
    int base = 0;  // first virtual column of the block's window
    int span = 0;  // window length; > 64 falls back to scalar code for this block
  };
  // The virtual row r of channel c over columns [lo_, hi_] as f32.
  void build_line(const Image& src, const AxisMap& mx, const AxisMap& my,
                  const std::vector<std::vector<std::uint8_t>>& fills, int contiguous_from, int c, int r,
                  float* line) const;
  // One row through the horizontal taps: line (columns [lo_, hi_], padded) -> width() values.
  void horizontal(const float* line, float* out) const;
  void horizontal_avx512(const float* line, float* out) const;
  void horizontal_scalar(const float* line, float* out) const;

  AxisTaps cols_, rows_;
  int lo_ = 0, hi_ = 0;  // the virtual columns any column tap reads
  int r0_ = 0, r1_ = 0;  // the virtual rows any row tap reads: [r0_, r1_)
  std::vector<Block> blocks_;
  std::vector<std::int32_t> rel_;   // per block, per tap, 16 lanes: index into the block's window
  std::vector<float> w_;            // per block, per tap, 16 lanes
  std::vector<std::uint16_t> add_;  // per block, per tap: lanes that add a rounded product
};

}  // namespace auger::rt::fused
