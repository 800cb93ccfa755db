// finish_plan: every image op still outside a kernel runs in one of its own — stencils (sharpness,
// gaussian_blur: they read a neighbourhood of their input, which a pointwise pass cannot give) and reference ops
// (no fused kernel: elastic). Run after the fusion passes it only meets those; run alone it plans each op on its
// own. The plan is then complete, which the verifier checks from here on.
#include <fmt/format.h>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void finish_plan(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::is_image(n.in_type); },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return true; },  // one op each
      [&](const std::vector<ir::Node*>& group, const ir::Run& run, std::size_t end) {
        const ir::Node& n = *group.front();
        auto cls = ir::op_class(n);
        auto k = make_kernel(ir::kernel_kind(cls), group);
        std::string what;
        if (cls == rt::KernelClass::Stencil)
          what = fmt::format("{} reads a neighbourhood of its input, so it runs as a kernel of its own", n.op);
        else if (cls == rt::KernelClass::Reference)
          what = fmt::format("{} has no fused kernel: it runs its reference implementation", n.op);
        else
          what = fmt::format("{}: a kernel of its own", n.op);
        if (ir::is_pointwise(cls) && !ir::statistics_of(n.op).empty()) k.stats = ir::statistics_of(n.op);
        if (ir::is_sampling(cls))
          k.map = cls == rt::KernelClass::Remap  ? "index"
                  : n.op == "perspective"        ? "homography"
                  : cls == rt::KernelClass::Warp ? "affine"
                                                 : "box";
        k.note = make_note(what, ir::ends_at(run, end));
        f.kernels.push_back(std::move(k));
      });
  f.planned = true;
  renumber_kernels(f);
}

}  // namespace auger::passes
