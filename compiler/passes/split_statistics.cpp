// split_statistics: autocontrast (per-channel min and max), equalize (per-channel histograms) and contrast (the
// mean grey level) need statistics of their whole input before they can map one pixel. A pointwise kernel is
// split before each such op: a statistics pre-pass reads the first kernel's output, then the second kernel runs.
// Such an op that already starts its kernel only gets the pre-pass noted. posterize, solarize, invert,
// brightness, gamma, saturation, hue and grayscale need nothing beyond the pixel and stay fused.
#include <fmt/format.h>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

namespace {

std::vector<const ir::Node*> ops_of(const ir::Function& f, const ir::Kernel& k, std::size_t from, std::size_t to) {
  std::vector<const ir::Node*> out;
  for (std::size_t i = from; i < to; ++i) {
    ir::for_each_node(f, [&](const ir::Node& n) {
      if (n.kind == ir::NodeKind::Op && n.site == k.sites[i]) out.push_back(&n);
    });
  }
  return out;
}

std::string what(const std::vector<const ir::Node*>& ops, bool after_stats) {
  std::string how = ops.size() == 1 ? "one pointwise pass" : "one pointwise pass, each pixel read and written once";
  return fmt::format("{}: {}{}", op_names(ops), how, after_stats ? ", after a statistics pre-pass" : "");
}

}  // namespace

void split_statistics(ir::Function& f) {
  std::vector<ir::Kernel> out;
  for (const auto& k : f.kernels) {
    if (k.kind != "pointwise") {
      out.push_back(k);
      continue;
    }
    auto ops = ops_of(f, k, 0, k.sites.size());
    std::vector<std::size_t> cuts;  // kernel starts
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (i == 0 || !ir::statistics_of(ops[i]->op).empty()) cuts.push_back(i);
    }
    std::string ends = note_ends(k.note);
    for (std::size_t c = 0; c < cuts.size(); ++c) {
      std::size_t from = cuts[c], to = c + 1 < cuts.size() ? cuts[c + 1] : ops.size();
      ir::Kernel part;
      part.kind = "pointwise";
      part.sites.assign(k.sites.begin() + static_cast<long>(from), k.sites.begin() + static_cast<long>(to));
      auto stats = ir::statistics_of(ops[from]->op);
      if (!stats.empty()) part.stats = stats;
      std::string part_ends = ends;
      if (to < ops.size()) {
        part_ends = fmt::format(
            "ends before {}, which needs {}: a statistics pre-pass reads this kernel's output "
            "first",
            ir::describe(*ops[to]), ir::statistics_of(ops[to]->op));
      }
      auto part_ops =
          std::vector<const ir::Node*>(ops.begin() + static_cast<long>(from), ops.begin() + static_cast<long>(to));
      part.note = cuts.size() == 1 && stats.empty() ? k.note : make_note(what(part_ops, !stats.empty()), part_ends);
      out.push_back(std::move(part));
    }
  }
  f.kernels = std::move(out);
  renumber_kernels(f);
}

}  // namespace auger::passes
