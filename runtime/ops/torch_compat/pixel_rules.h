// Torch-compat scalar rules of storing a pixel (torchvision 0.14's functional_tensor on torch 1.13): the one
// definition that the reference ops (runtime/ops/reference, through pixel_common.h) and the fused host side
// (runtime/fused/resample_pass.cpp, prepare_geometry.cpp) call. Defined inline, as it runs in per-pixel stores: it
// has no multiply or add, so implicit contraction (no_fp_contract.h) cannot change it. The AVX-512 and Halide stores
// that vectorise it cannot call a scalar function; their comments name it.
#pragma once

#include <cmath>
#include <cstdint>

namespace auger::rt::torch_compat {

// torchvision's `_cast_squeeze_out` to uint8: torch.round (half to even: nearbyint in the default rounding mode),
// clamped to [0, 255] (the clamp of F_t.resize's bicubic, and the range every other caller stays in), then the cast.
inline std::uint8_t round_u8(float v) {
  const float r = std::nearbyint(v);
  return static_cast<std::uint8_t>(r <= 0 ? 0.0f : (r >= 255 ? 255.0f : r));
}

}  // namespace auger::rt::torch_compat
