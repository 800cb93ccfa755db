// fuse_pointwise: pointwise ops (kernel classes Lut and Mix: brightness, contrast, saturation, hue, grayscale,
// invert, posterize, solarize, gamma, autocontrast, equalize) join the kernel being built — the sampling or
// stencil kernel of the op right before them, whose output pixels they map in the same pass — or, with nothing
// being built, consecutive ones form one pointwise kernel that reads each pixel once and writes it once. Ops
// that need statistics of their input are split off afterwards where needed (split_statistics).
#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void fuse_pointwise(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::is_pointwise(ir::op_class(n)); },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return false; },
      [&](const std::vector<ir::Node*>& group, const ir::Run& run, std::size_t end) { attach(f, group, run, end); });
  finalize_kernels(f);
}

}  // namespace auger::passes
