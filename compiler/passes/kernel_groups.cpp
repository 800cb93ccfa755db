#include "compiler/passes/kernel_groups.h"

#include <algorithm>

namespace auger::passes {

using ir::Node;

void for_each_group(ir::Function& f, const std::function<bool(const Node&)>& member,
                    const std::function<bool(const std::vector<Node*>&, const Node&)>& breaks,
                    const std::function<void(const std::vector<Node*>&, const ir::Run&, std::size_t)>& make) {
  for (const auto& run : ir::op_runs(f)) {
    std::vector<Node*> group;
    for (std::size_t i = 0; i <= run.ops.size(); ++i) {
      Node* n = i < run.ops.size() ? run.ops[i] : nullptr;
      bool fits = n && n->kernel < 0 && member(*n);
      if (fits && !group.empty() && (n->targets != group.front()->targets || breaks(group, *n))) {
        make(group, run, i);
        group.clear();
      }
      if (fits) {
        group.push_back(n);
        continue;
      }
      if (!group.empty()) make(group, run, i);
      group.clear();
    }
  }
}

ir::Kernel make_kernel(std::string kind, const std::vector<Node*>& ops) {
  ir::Kernel k;
  k.kind = std::move(kind);
  for (const auto* n : ops) k.sites.push_back(n->site);
  return k;
}

void renumber_kernels(ir::Function& f) {
  auto order = ir::program_order(f);
  auto first = [&](const ir::Kernel& k) {
    if (k.sites.empty()) return -1;
    auto it = order.find(k.sites.front());
    return it == order.end() ? -1 : it->second;
  };
  std::stable_sort(f.kernels.begin(), f.kernels.end(),
                   [&](const ir::Kernel& a, const ir::Kernel& b) { return first(a) < first(b); });
  for (std::size_t i = 0; i < f.kernels.size(); ++i) f.kernels[i].id = static_cast<int>(i);
  ir::sync_kernel_ids(f);
}

std::string op_names(const std::vector<const Node*>& ops) {
  std::string out;
  for (const auto* n : ops) out += (out.empty() ? "" : ", ") + n->op;
  return out;
}

std::string op_names(const std::vector<Node*>& ops) {
  return op_names(std::vector<const Node*>(ops.begin(), ops.end()));
}

namespace {
constexpr std::string_view kSep = "; ";
}

std::string note_what(const std::string& note) {
  auto at = note.rfind(std::string(kSep) + "ends ");
  return at == std::string::npos ? note : note.substr(0, at);
}

std::string note_ends(const std::string& note) {
  auto at = note.rfind(std::string(kSep) + "ends ");
  return at == std::string::npos ? "" : note.substr(at + kSep.size());
}

std::string make_note(const std::string& what, const std::string& ends) {
  return ends.empty() ? what : what + std::string(kSep) + ends;
}

}  // namespace auger::passes
