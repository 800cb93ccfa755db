// finish_plan: what no fusion pass took runs as a kernel of its own — reference ops (no fused kernel, like
// elastic, and any op but a store op on an f32 image) run alone on the reference path. Run after the fusion
// passes it only meets those; run alone it plans each image op on its own. Ops on other modalities (audio, text,
// batch) are in no kernel. The plan is then complete, which the verifier checks from here on.
#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void finish_plan(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::is_image(n.in_type); },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return true; },  // one op each
      [&](const std::vector<ir::Node*>& group, const ir::Run&, std::size_t) {
        f.kernels.push_back(make_kernel(group));
      });
  f.planned = true;
  finalize_kernels(f);
}

}  // namespace auger::passes
