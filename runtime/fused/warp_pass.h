// The nearest-neighbour affine warp (rotate, affine, shear_x/y, translate_x/y with interp: nearest — RandAugment's
// and AutoAugment's geometric ops) on the host; the Halide kernel runs the steps and the store after it.
//
// Why not in Halide: every output pixel reads one source pixel at a computed position (a gather), which Halide
// 14 scalarises on x86, and the position needs the fused multiply-add of torch's grid_sample unnormalisation,
// which Halide 14 lacks (it is emulated in double there, at twice the cost). Here the grid is computed 16 pixels
// at a time in f32 with the reference's operations in its order (runtime/ops/reference/warp.cpp), the fma is
// _mm512_fmadd_ps, the rounding is round-half-to-even, and the 16 source pixels are read with one byte permute
// (vpermb) per source row they lie on — a small rotation or shear reads 16 pixels from at most a few rows — or,
// for wider spreads, AVX-512's gather.
// Bilinear and perspective warps, and warps after remaps that mirror or fill, stay in the Halide warp head.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/image/image.h"

namespace auger::rt::fused {

// affine_grid's rescaled matrix rows and base offsets, and grid_sample's unnormalisation, all in f32 as the
// reference computes them.
struct AffineGrid {
  float r[2][3] = {};
  float base_x = 0, base_y = 0;  // float(-ow * 0.5 + 0.5), float(-oh * 0.5 + 0.5)
  float half_w = 0, half_h = 0;  // float(w) / 2, float(h) / 2 of the input
};

// out[(c * ys.size() + Y) * xs.size() + X] = the input pixel nearest to the grid position of warp pixel
// (xs[X], ys[Y]), or fill[c] where that position is outside the input. `xs` and `ys` map output pixels to the
// warp's own output coordinates (the identity, or the remaps after the warp).
void nearest_affine_warp(const Image& src, const AffineGrid& g, const std::vector<int>& xs, const std::vector<int>& ys,
                         const std::vector<std::uint8_t>& fill, std::uint8_t* out);

}  // namespace auger::rt::fused
