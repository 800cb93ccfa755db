// A sample's kernels: the compiler's fusion plan (compiler/passes, `auger explain --emit plan`) carried by the
// trace, described for the executor — which op heads each kernel and where its geometry part ends. The plan a
// user reads is the plan that runs; the runtime makes no grouping decision of its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::fused {

// What a kernel starts from: its input image read as is, or one sampling/neighbourhood op over it.
enum class HeadKind {
  Input,      // the input image itself (a pointwise kernel)
  Remap,      // flips, crops and pads composed into one exact index map
  Resample,   // resize / random_resized_crop, with the remaps around it folded into its index tables
  Warp,       // one affine or perspective warp, with the remaps around it folded into its index maps
  Stencil,    // sharpness or gaussian_blur over the materialised input
  Reference,  // not fused: the ops run one by one on the reference path
};

std::string_view head_kind_name(HeadKind k);

// One kernel of the plan: ops [begin, end) of the trace. For sampling heads, ops [begin, tail) are the geometry
// part (remaps and at most one interpolating op, `interp`); ops [tail, end) are pointwise or store ops applied to
// the head's pixels in the same pass.
struct PlannedKernel {
  HeadKind head = HeadKind::Input;
  int begin = 0, end = 0;
  int tail = 0;
  int interp = -1;  // the Resample / Warp / Stencil op, absolute index; -1 when none
};

// Ops that map each channel value independently once their statistics are known (they compose into one
// 256-entry table per channel): the Lut class and contrast.
bool is_per_channel(std::string_view op);

// The kernels of a trace's image ops as the compiler planned them (compiler/passes; `auger explain --emit plan`):
// consecutive ops with the same AppliedOp::kernel form one kernel, an op with none a kernel of its own; this says
// what heads each and where its geometry part ends. Nothing is decided here that the plan did not decide: a group
// the fused kernels cannot express (an op with no fused kernel, a colour op on an f32 image, a second
// interpolating op) is a Reference kernel, run op by op. `input` is the element type of the trace's input image.
std::vector<PlannedKernel> kernels_of(const std::vector<AppliedOp>& ops, Elem input = Elem::U8);

}  // namespace auger::rt::fused
