// The two passes of the separable resample (random_resized_crop, resize), on the host, rounded to u8 as torchvision
// stores them; the Halide kernel runs the steps and the store after it.
//
// Why not in Halide: one of the two passes reads, for each output, its own run of inputs along the axis it runs
// on (a gather). Halide 14 has no gather or dynamic shuffle on x86 and scalarises such loads (measured here:
// ~0.4 ns per element, more than everything else in the kernel), a dense weight-matrix formulation wastes 5-8x the
// arithmetic, and it has no fused multiply-add, which torch's sums need bit for bit. AVX-512's permutes (vpermps /
// vpermt2ps) gather 16 outputs' taps in one instruction each and _mm512_fmadd_ps is the fma; where AVX-512 is
// missing a portable scalar loop does the same arithmetic.
//
// The arithmetic is torch's, tap by tap (resample_taps.h), in torch's order: the horizontal pass over every input
// row read, then the vertical pass. (Vertical first would do less work on tall crops, but it rounds differently in
// f32's last bit; a u8 value one off then grows through later ops — contrast, equalize — beyond ops.md §7.) The
// horizontal pass takes 16 rows at a time and each block of 16 output columns keeps its permute tables in
// registers across them; the vertical pass is contiguous multiply-adds along rows. (A transposed layout, with the
// gathers in the vertical pass over output columns, measured slower: the transposes cost more than they save.)
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/fused/remap_chain.h"
#include "runtime/fused/resample_taps.h"
#include "runtime/fused/scratch.h"
#include "runtime/image/image.h"

namespace auger::rt::fused {

// One axis's taps as AVX-512 permute tables: blocks of 16 outputs, each with the window of inputs its taps read.
class GatherTaps {
 public:
  GatherTaps() = default;
  // `origin`: the input index of line[0] in apply().
  GatherTaps(const AxisTaps& taps, int origin);
  // For each of `nlines` lines (line l at lines + l * stride, holding 64 readable floats past its last used index):
  // out[l * out_stride + i] = the taps of output i over the line. Out is float, or std::uint8_t for the rounded,
  // clamped store.
  template <class Out>
  void apply(const float* lines, std::size_t stride, int nlines, Out* out, std::size_t out_stride) const;

 private:
  struct Block {
    int base = 0;  // first line index of the block's window
    int span = 0;  // window length; > 64 falls back to scalar code for this block
  };
  template <class Out>
  void apply_scalar(const float* line, Out* out, int from, int to) const;

  const AxisTaps* taps_ = nullptr;
  int origin_ = 0;
  std::vector<Block> blocks_;
  std::vector<std::int32_t> rel_;   // per block, per tap, 16 lanes: index into the block's window
  std::vector<float> w_;            // per block, per tap, 16 lanes
  std::vector<std::uint16_t> add_;  // per block, per tap: lanes that add a rounded product
};

class ResamplePass {
 public:
  // `cols`, `rows`: the taps of each output column and row over the virtual input (the input seen through the
  // remaps before the resample); an output with all-zero weights yields 0 (a pixel a later remap fills).
  ResamplePass(AxisTaps cols, AxisTaps rows);
  ResamplePass(const ResamplePass&) = delete;
  ResamplePass& operator=(const ResamplePass&) = delete;

  // Resamples every channel into out[(c * height() + y) * width() + x], rounded half to even and clamped to u8 as
  // torchvision's `_cast_squeeze_out`. The virtual pixel (q, r) is src(mx.src[q], my.src[r]) or, where a remap
  // filled it, fills[code][c]. Working buffers come from `scratch`.
  void run(const Image& src, const AxisMap& mx, const AxisMap& my, const std::vector<std::vector<std::uint8_t>>& fills,
           std::uint8_t* out, Scratch& scratch) const;

  [[nodiscard]] int width() const { return cols_.outputs(); }
  [[nodiscard]] int height() const { return rows_.outputs(); }
  // Whether the AVX-512 path runs on this machine.
  static bool vectorised();

 private:
  // The virtual row r of channel c over columns [lo_, hi_] as f32.
  void build_line(const Image& src, const AxisMap& mx, const AxisMap& my,
                  const std::vector<std::vector<std::uint8_t>>& fills, int c, int r, float* line) const;

  // The horizontal pass over rows [r, r + count) of channel c into `tmp` (count rows of width()).
  void horizontal_chunk(const Image& src, const AxisMap& mx, const AxisMap& my,
                        const std::vector<std::vector<std::uint8_t>>& fills, int c, int r, int count, int first_col,
                        float* lines, std::size_t line_stride, float* tmp) const;
  // How many horizontal-pass rows run() holds at once (a multiple of kRingChunk).
  [[nodiscard]] int ring_rows() const;

  static constexpr int kRingChunk = 16;
  AxisTaps cols_, rows_;
  int lo_ = 0, hi_ = 0;  // the virtual columns any column tap reads: [lo_, hi_]
  int r0_ = 0, r1_ = 0;  // the virtual rows any row tap reads: [r0_, r1_)
  GatherTaps col_gather_;
  int ring_ = kRingChunk;
};

}  // namespace auger::rt::fused
