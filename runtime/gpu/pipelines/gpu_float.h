// f32 arithmetic for the GPU kernels that PTX cannot reorder or contract. LLVM's NVPTX backend fuses a multiply
// and an add into one fma whenever it may, which rounds once where the CPU kernels (strict float) round twice; the
// libdevice functions __nv_fmul_rn / __nv_fadd_rn / __nv_fdiv_rn become mul.rn / add.rn / div.rn, which PTX never
// contracts, and __nv_fmaf is the one fma torch's resample sums need. Each helper mirrors the CPU kernel's Halide
// expression of the same name (runtime/fused/halide_steps.cpp, pipeline_builder.cpp) operation by operation.
#pragma once

#include <Halide.h>

namespace auger::rt::gpu {

Halide::Expr mul_rn(const Halide::Expr& a, const Halide::Expr& b);
Halide::Expr add_rn(const Halide::Expr& a, const Halide::Expr& b);
Halide::Expr sub_rn(const Halide::Expr& a, const Halide::Expr& b);
Halide::Expr div_rn(const Halide::Expr& a, const Halide::Expr& b);
Halide::Expr fma_rn(const Halide::Expr& a, const Halide::Expr& b, const Halide::Expr& c);

// torchvision's float -> u8 store after rounding (half to even, clamped) and after truncation.
Halide::Expr round_to_u8(const Halide::Expr& v);
Halide::Expr trunc_to_u8(const Halide::Expr& v);
// x / 255 for u8 x as the exact double product the CPU kernels use.
Halide::Expr u8_over_255(const Halide::Expr& v);
// rgb_to_grayscale's truncated luma of three u8 values, as f32.
Halide::Expr gray_u8(const Halide::Expr& r, const Halide::Expr& g, const Halide::Expr& b);

// adjust_saturation and adjust_hue on one u8 pixel: the three u8 results.
Halide::Tuple saturation_rgb(const Halide::Expr& r, const Halide::Expr& g, const Halide::Expr& b,
                             const Halide::Expr& ratio, const Halide::Expr& rest);
Halide::Tuple hue_rgb(const Halide::Expr& r, const Halide::Expr& g, const Halide::Expr& b, const Halide::Expr& shift);

}  // namespace auger::rt::gpu
