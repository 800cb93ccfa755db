#include "runtime/fused/policy_kernels.h"

#include <set>

#include "runtime/fused/kernel_catalog.h"
#include "runtime/ops/kernel_class.h"

namespace auger::rt::fused {

std::vector<KernelSpec> kernels_for_ops(const std::vector<std::string>& ops) {
  std::set<Head> heads;
  std::set<StepKind> steps;
  bool fused = false;
  for (const std::string& op : ops) {
    switch (kernel_class(op)) {
      case KernelClass::Remap: heads.insert(Head::Remap); break;
      case KernelClass::Resample: heads.insert(Head::Sampled); break;
      // A nearest affine warp runs on the host (Sampled); others are Halide warps.
      case KernelClass::Warp: heads.insert({Head::Warp, Head::Sampled}); break;
      case KernelClass::Stencil: heads.insert({Head::Sharpness, Head::Blur}); break;
      // Per-channel ops compose into tables or become computed steps (prepare_steps.cpp).
      case KernelClass::Lut:
        steps.insert({StepKind::Lut, StepKind::Blend, StepKind::Invert, StepKind::Posterize, StepKind::Solarize,
                      StepKind::Autocontrast});
        break;
      // contrast is a blend with the mean grey; grayscale a saturation of 0.
      case KernelClass::Mix: steps.insert({StepKind::Blend, StepKind::Saturation, StepKind::Hue}); break;
      case KernelClass::Store:
        steps.insert({StepKind::ToFloat, StepKind::Normalize, StepKind::Paint, StepKind::NoiseRect, StepKind::Noise});
        break;
      case KernelClass::Reference: continue;
    }
    fused = true;
  }
  if (!fused) return {};
  return catalog_members(heads, steps);
}

}  // namespace auger::rt::fused
