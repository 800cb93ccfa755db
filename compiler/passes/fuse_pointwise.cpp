// fuse_pointwise: consecutive pointwise ops (kernel classes Lut and Mix: brightness, contrast, saturation, hue,
// grayscale, invert, posterize, solarize, gamma, autocontrast, equalize) become one kernel that reads each pixel
// once and writes it once. Ops that need statistics of their input are split off afterwards (split_statistics).
#include <fmt/format.h>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void fuse_pointwise(ir::Function& f) {
  for_each_group(
      f, [](const ir::Node& n) { return ir::is_pointwise(ir::op_class(n)); },
      [](const std::vector<ir::Node*>&, const ir::Node&) { return false; },
      [&](const std::vector<ir::Node*>& group, const ir::Run& run, std::size_t end) {
        auto k = make_kernel("pointwise", group);
        std::string what = group.size() == 1 ? fmt::format("{}: one pointwise pass", group.front()->op)
                                             : fmt::format("{}: one pointwise pass, each pixel read and written once",
                                                           op_names(group));
        k.note = make_note(what, ir::ends_at(run, end));
        f.kernels.push_back(std::move(k));
      });
  renumber_kernels(f);
}

}  // namespace auger::passes
