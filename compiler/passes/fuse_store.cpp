// fuse_store: the store ops (kernel class Store: to_float, normalize, and on f32 gaussian_noise, random_erasing,
// cutout) run in the kernel that writes the output, once. A pointwise kernel that ends right before them (the
// last colour ops on u8) is absorbed: its ops run on each pixel before it is converted and stored.
#include <fmt/format.h>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void fuse_store(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::op_class(n) == rt::KernelClass::Store; },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return false; },
      [&](const std::vector<ir::Node*>& group, const ir::Run& run, std::size_t end) {
        bool converts = false;
        for (const auto* n : group) converts = converts || n->op == "to_float";
        std::string what = converts ? fmt::format("{}: the store, converting u8 HWC to f32 CHW once", op_names(group))
                                    : fmt::format("{}: applied as the output is stored", op_names(group));
        std::string ends = ir::ends_at(run, end);
        // The pointwise kernel right before the group, if its last op is the op just before the group.
        std::size_t start = end - group.size();
        const ir::Node* before = start > 0 ? run.ops[start - 1] : nullptr;
        if (before && before->kernel >= 0 && before->targets == group.front()->targets) {
          auto& prev = f.kernels[static_cast<std::size_t>(before->kernel)];
          if (prev.kind == "pointwise" && prev.sites.back() == before->site) {
            prev.kind = "store";
            for (const auto* n : group) prev.sites.push_back(n->site);
            prev.note = make_note(fmt::format("{}; absorbs the pointwise kernel before it ({}), whose ops run on each "
                                              "pixel before it is stored",
                                              what, note_what(prev.note).substr(0, note_what(prev.note).find(':'))),
                                  ends);
            ir::sync_kernel_ids(f);
            return;
          }
        }
        auto k = make_kernel("store", group);
        k.note = make_note(what, ends);
        f.kernels.push_back(std::move(k));
        ir::sync_kernel_ids(f);  // ids stay positions until renumbered below
      });
  renumber_kernels(f);
}

}  // namespace auger::passes
