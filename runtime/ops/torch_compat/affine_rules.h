// Torch-compat scalar rules of the affine warps (torchvision 0.14's F.affine / autoaugment._apply_op and
// functional_tensor's _gen_affine_grid / _perspective_grid, torch 1.13's grid_sampler): the one definition that the
// reference warps (runtime/ops/reference/geometric.cpp, warp.cpp), the fused warp heads
// (runtime/fused/prepare_geometry.cpp, warp_pass.cpp) and the label geometry (runtime/ops/geometry_maps.cpp) call,
// so the three agree by construction. affine_rules.cpp is compiled without implicit contraction (no_fp_contract.h).
// The inverse matrix itself is geo::inverse_affine_matrix (runtime/ops/reference/geometry.h), already one function.
#pragma once

#include <array>
#include <optional>

#include "runtime/ops/args.h"

namespace auger::rt::torch_compat {

// F.affine's `shear` argument as torchvision normalises it: a number shears x only ([s, 0]), one element shears both
// ([s, s]), two are [sx, sy]; none is [0, 0]. std::nullopt for any other length.
std::optional<std::array<double, 2>> affine_shear(const Args& args);

// autoaugment._apply_op's "ShearX" / "ShearY": F.affine(angle=0, translate=[0, 0], scale=1,
// shear=[math.degrees(math.atan(amount)), 0] (or [0, that]), center=[0, 0]) on a w x h image, as the inverse matrix
// _get_inverse_affine_matrix builds; center [0, 0] is [0 - w * 0.5, 0 - h * 0.5] relative to the image centre.
std::array<double, 6> shear_inverse_matrix(double amount, bool along_x, int w, int h);

// _gen_affine_grid's base grid: pixel centres relative to the output centre, linspace(-n * 0.5 + 0.5, ...) with a
// Python-float start rounded to f32 (exact half-integers). The first coordinate along an axis of n pixels.
float affine_base_start(int n);

// _gen_affine_grid's `theta.transpose(1, 2) / [0.5 * w, 0.5 * h]`: the inverse matrix's rows in f32, divided by the
// input's half sizes (f32 divisions).
void affine_theta_rows(const std::array<double, 6>& matrix, int w, int h, float rows[2][3]);
// _perspective_grid's rescaled theta: the first six coefficients in f32 divided by the output's half sizes.
void perspective_theta_rows(const std::array<double, 8>& coeffs, int ow, int oh, float rows[2][3]);

// grid_sampler_compute_source_index's unnormalisation for align_corners=False, ((coord + 1) * size - 1) / 2, as
// torch's AVX2 kernel evaluates it: fma(coord + 1, size / 2, -0.5) with half = grid_half_size(size).
float grid_half_size(int size);
float grid_sampler_unnormalize(float coord, float half);

}  // namespace auger::rt::torch_compat
