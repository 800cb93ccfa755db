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

namespace auger::passes {

namespace {

using ir::Node;

std::string value_text(const Node& n, const std::string& arg) {
  const auto* a = n.arg(arg);
  return a && a->value ? a->value->to_string() : "?";
}

// Which part of the encoded image the first sampling kernel reads, for a decoder that can decode a region or
// at a reduced DCT scale (JPEG: 1/2, 1/4, 1/8). Flips change no extent; the first other op decides.
std::string decode_roi(const std::vector<Node*>& ops) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Node& n = *ops[i];
    if (!ir::is_sampling(ir::op_class(n))) break;
    if (n.op == "hflip" || n.op == "vflip") continue;
    std::string when = n.probability ? fmt::format("when {} runs: ", n.op) : "";
    if (n.op == "random_resized_crop")
      return fmt::format(
          "{}decode only the crop box (scale {} of the area), DCT-scaled when the box is ≥2× the output ({})", when,
          value_text(n, "scale"), value_text(n, "size"));
    if (n.op == "resize") {
      std::string target = n.arg("shorter") ? "shorter side " + value_text(n, "shorter")
                           : n.arg("size")  ? "size " + value_text(n, "size")
                                            : "longer side " + value_text(n, "longer");
      if (i + 1 < ops.size() && ops[i + 1]->op == "center_crop")
        return fmt::format(
            "{}decode only the source box of center_crop({}) after resize({}), DCT-scaled when the image is ≥2× the "
            "resize target",
            when, value_text(*ops[i + 1], "size"), target);
      return fmt::format("{}decode the whole image, DCT-scaled when it is ≥2× the resize target ({})", when, target);
    }
    if (n.op == "crop" || n.op == "center_crop" || n.op == "random_crop")
      return fmt::format("{}decode only the crop box, at full scale (a crop keeps the pixels' size)", when);
    return fmt::format("decode the whole image: {} may read any pixel", n.op);
  }
  return "decode the whole image: flips read every pixel";
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
