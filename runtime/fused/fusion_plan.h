// The fusion rules: how a sample's ops are grouped into kernels. One function, plan_kernels(), decides it for the
// fused executor and for the compiler's plan (`auger explain --emit plan`), so the plan a user reads is the one
// that runs. It looks at op names only (their kernel class, runtime/ops/kernel_class.h), never at argument values,
// so every sample of a policy with the same ops gets the same kernels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/image/image.h"

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
  int interp = -1;   // the Resample / Warp / Stencil op, absolute index; -1 when none
  std::string note;  // why the kernel starts where it does (for the plan a user reads)
};

// Ops whose pointwise map depends on statistics of their whole input: autocontrast (min/max), equalize
// (histograms), contrast (mean grey level).
bool needs_statistics(std::string_view op);

// Ops that map each channel value independently once their statistics are known (they compose into one
// 256-entry table per channel): the Lut class and contrast.
bool is_per_channel(std::string_view op);

// The rules, in the order they are applied while scanning the ops left to right:
//  1. An op of class Reference (elastic, unknown ops) and any op other than a Store op on an f32 image runs on the
//     reference path, alone.
//  2. Remap ops (flips, crops, pads) fold into the kernel being built while it is still in its geometry part
//     (before any pointwise op): before its interpolating op they compose into the source index map, after it into
//     the output index map. They never start a kernel of their own unless nothing else is being built.
//  3. A Resample or Warp op joins the kernel being built only if that kernel is still in its geometry part and has
//     no interpolating op yet: at most ONE interpolating op per kernel, because two nearest/bilinear resamplings
//     composed are not the same as doing them in turn.
//  4. Lut and Mix ops (pointwise) join the kernel being built. An op that needs statistics of its input joins only
//     a kernel whose head is the materialised input and whose ops so far are all per-channel maps: its statistics
//     are then exact, from the input's histogram mapped through the table so far (or one pass over the input for
//     contrast's mean grey). Otherwise it starts a new pointwise kernel on the materialised image.
//  5. A Stencil op (sharpness, gaussian_blur) starts a kernel of its own: it reads neighbours, so its input must
//     be materialised. Pointwise and store ops may follow it in the same kernel.
//  6. Store ops (to_float, normalize, random_erasing, cutout, gaussian_noise) join the kernel being built, whatever
//     its head: the final store absorbs the resample, warp or table pass before it. After to_float the image is
//     f32 and only Store ops fuse (rule 1).
// `input` is the element type of the trace's input image.
std::vector<PlannedKernel> plan_kernels(const std::vector<std::string_view>& ops, Elem input = Elem::U8);

}  // namespace auger::rt::fused
