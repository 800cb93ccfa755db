// isolate_stencils: a stencil op (sharpness, gaussian_blur) reads a neighbourhood of every pixel, so its input
// must be materialised: it heads a kernel of its own. Pointwise and store ops after it may still join that
// kernel (fuse_pointwise, fuse_store).
#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void isolate_stencils(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::op_class(n) == rt::KernelClass::Stencil; },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return true; },  // one each
      [&](const std::vector<ir::Node*>& group, const ir::Run&, std::size_t) {
        f.kernels.push_back(make_kernel(group));
      });
  finalize_kernels(f);
}

}  // namespace auger::passes
