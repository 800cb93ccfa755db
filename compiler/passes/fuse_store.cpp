// fuse_store: the store ops (kernel class Store: to_float, normalize, and gaussian_noise, random_erasing, cutout)
// join the kernel being built, whatever its head: the final store absorbs the resample, warp, stencil or
// pointwise pass before it, so the output is written once (u8 HWC becomes f32 CHW as it is stored). With nothing
// being built they form a store kernel of their own.
#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void fuse_store(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::op_class(n) == rt::KernelClass::Store; },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return false; },
      [&](const std::vector<ir::Node*>& group, const ir::Run& run, std::size_t end) { attach(f, group, run, end); });
  finalize_kernels(f);
}

}  // namespace auger::passes
