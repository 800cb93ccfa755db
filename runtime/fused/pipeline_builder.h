// KernelSpec -> one Halide pipeline with a hand schedule. Internal to runtime/fused (includes Halide.h).
#pragma once

#include <memory>

#include "runtime/fused/halide_build.h"

namespace auger::rt::fused {

struct BuiltKernel {
  Halide::Pipeline pipeline;
  std::shared_ptr<ParamSet> params;  // the runtime arguments, in the compiled function's order (output last)
};

// Builds the kernel's pipeline. Schedule (written by hand: Halide 14's autoschedulers crash on float parameters
// that drive gathers): the output loops y, then c, then x vectorised by an f32 vector's lanes with a guarded tail
// (any image width); what several channels or the next row share (a warp's grid, a resample's vertical pass, a
// cross-channel step) is computed per output row; nothing is parallel, because the runtime runs one sample per
// core and parallelises over samples.
// With KernelDevice::Cuda the same pipeline gets a GPU schedule instead: 16x16 thread blocks over x and y, and
// what the CPU computes per row computed whole.
BuiltKernel build_kernel(const KernelSpec& spec, KernelDevice device = KernelDevice::Cpu);

}  // namespace auger::rt::fused
