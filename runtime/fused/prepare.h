// From one planned kernel, the sample's resolved ops and the kernel's input image to a ready call: the kernel's
// structure (KernelSpec) and every runtime value it reads (index maps, resample tables, matrices, tables,
// rectangles), computed on the host. The resample itself also runs here (see resample_pass.h).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "runtime/fused/fusion_plan.h"
#include "runtime/fused/kernel_args.h"
#include "runtime/fused/kernel_spec.h"
#include "runtime/fused/scratch.h"
#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::fused {

struct PreparedKernel {
  KernelSpec spec;
  Shape out_shape;
  KernelCall call;    // every argument bound; the output is bound by the caller
  bool done = false;  // the host wrote the result straight into the target image: no Halide kernel runs
  std::vector<std::shared_ptr<void>> owned;  // host buffers `call` borrows
};

// nullopt when the kernel's ops cannot run fused for this sample (an argument outside what the kernels express,
// an f32 image where u8 is needed, a channel count a cross-channel op does not support): the caller then runs
// them on the reference path, which also reports any error in the op's own words. Large host buffers come from
// `scratch` when given (then valid until the next prepare_kernel with the same scratch). `target`, when given, is
// the image the kernel's result goes to: a host-sampled head with nothing after it (a resample or warp followed by
// a kernel split) writes there directly and sets `done`, instead of a kernel copying it.
std::optional<PreparedKernel> prepare_kernel(const PlannedKernel& k, const std::vector<AppliedOp>& ops,
                                             const Image& input, Scratch* scratch = nullptr, Image* target = nullptr);

}  // namespace auger::rt::fused
