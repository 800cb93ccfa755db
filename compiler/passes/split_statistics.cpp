// split_statistics: autocontrast (per-channel min and max), equalize (per-channel histograms) and contrast (the
// mean grey level) need statistics of their whole input before they can map one pixel. Where every op before
// them in their kernel is a per-channel map of the kernel's materialised input (a Lut op or contrast), those
// statistics follow exactly from the input's histograms mapped through the ops before, and the op stays; anywhere
// else — after a sampling or stencil head, a cross-channel op (saturation, hue, grayscale) or a store op — the
// kernel is split before it, and a statistics pre-pass reads the first kernel's output. posterize, solarize,
// invert, brightness, gamma need nothing beyond the pixel and never split.
#include <map>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

void split_statistics(ir::Function& f) {
  std::map<std::string, const ir::Node*> op_of;
  ir::for_each_node(f, [&](const ir::Node& n) {
    if (n.kind == ir::NodeKind::Op) op_of[n.site] = &n;
  });
  std::vector<ir::Kernel> out;
  for (const auto& k : f.kernels) {
    ir::Kernel part = k;
    part.sites.clear();
    bool per_channel = true;  // every op of `part` so far maps channels independently
    for (const auto& site : k.sites) {
      const ir::Node* n = op_of.count(site) ? op_of[site] : nullptr;
      std::string op = n ? n->op : "";
      bool reference = n && ir::op_class(*n) == rt::KernelClass::Reference;
      if (!part.sites.empty() && !reference && !ir::statistics_of(op).empty() && !per_channel) {
        out.push_back(part);
        part.sites.clear();
        part.decode_roi.clear();
        per_channel = true;
      }
      part.sites.push_back(site);
      per_channel = per_channel && n && ir::is_per_channel(op) && ir::is_pointwise(ir::op_class(*n));
    }
    out.push_back(part);
  }
  f.kernels = std::move(out);
  finalize_kernels(f);
}

}  // namespace auger::passes
