// compose_geometry: consecutive geometric ops (kernel classes Remap, Resample, Warp) on u8 pixels become the head
// of one sampling kernel, which maps each output pixel to a source position once. Remaps (flips, crops, pads:
// exact index maps) fold into its map exactly, before or after its interpolating op; a kernel holds at most one
// interpolating op (a Resample or a Warp), because two nearest or bilinear resamplings composed into one are not
// equal to doing them in turn, and the fused path must match the reference path (ops.md §7). The map a kernel
// composes per sample is an axis-aligned box (with a resample), an affine or a homography matrix (with a warp;
// perspective makes it projective), or an index map (remaps alone). The first sampling kernel of the policy also
// says which part of the encoded image the decoder needs (the decode ROI).
#include <fmt/format.h>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"
#include "runtime/ops/op_record.h"

namespace auger::passes {

namespace {

using ir::Node;

std::string value_text(const Node& n, const std::string& arg) {
  const auto* a = n.arg(arg);
  return a && a->value ? a->value->to_string() : "?";
}

// Which part of the encoded image the decoder produces for the first sampling kernel: what the runtime does
// (engine/sample_runner.cpp; the op record's region_decode), not what a decoder could. A random_resized_crop that is
// the image's first op has only its crop box decoded — at full scale, so the pixels are the full decode's; at a reduced
// JPEG DCT scale only with
// `--scaled-decode`, which changes them. Anything else reads the whole image.
std::string decode_roi(const std::vector<Node*>& ops) {
  if (ops.empty()) return "decode the whole image";
  const Node& n = *ops.front();
  const rt::OpRecord* record = rt::find_op(n.op);
  if (!record || !record->region_decode)
    return fmt::format(
        "decode the whole image: only a random_resized_crop that comes first has its box decoded alone "
        "({} comes first)",
        n.op);
  const std::string when = n.probability ? fmt::format("when {} runs: ", n.op) : "";
  return fmt::format(
      "{}decode only the crop box (scale {} of the area), at full scale; with --scaled-decode at 1/2, 1/4 or 1/8 "
      "when the box is ≥2× the output ({})",
      when, value_text(n, "scale"), value_text(n, "size"));
}

}  // namespace

void compose_geometry(ir::Function& f) {
  for_each_group(
      f, [](const Node& n) { return ir::is_sampling(ir::op_class(n)); },
      [](const std::vector<Node*>& group, const Node& next) {
        if (!ir::interpolates(ir::op_class(next))) return false;
        for (const auto* n : group) {
          if (ir::interpolates(ir::op_class(*n))) return true;
        }
        return false;
      },
      [&](const std::vector<Node*>& group, const ir::Run&, std::size_t) { f.kernels.push_back(make_kernel(group)); });
  finalize_kernels(f);
  // The decode ROI: for the policy's first image op, when it is at the top level of the body (not inside a
  // choice) and heads a sampling kernel.
  for (auto& k : f.kernels) k.decode_roi.clear();
  const Node* first = nullptr;
  for (const auto& n : f.body) {
    if (n.kind != ir::NodeKind::Op) break;  // a choice or a block comes first: nothing to promise
    if (ir::is_image(n.in_type)) {
      first = &n;
      break;
    }
  }
  if (!first || first->kernel < 0 || !ir::is_sampling(ir::op_class(*first))) return;
  auto& k = f.kernels[static_cast<std::size_t>(first->kernel)];
  std::vector<Node*> ops;
  ir::for_each_node(f, [&](Node& n) {
    if (n.kind == ir::NodeKind::Op && n.kernel == k.id) ops.push_back(&n);
  });
  k.decode_roi = decode_roi(ops);
}

}  // namespace auger::passes
