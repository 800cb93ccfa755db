#include "compiler/passes/kernel_groups.h"

#include <algorithm>

#include "compiler/ir/fusion_rules.h"

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

ir::Kernel make_kernel(const std::vector<Node*>& ops) {
  ir::Kernel k;
  for (const auto* n : ops) k.sites.push_back(n->site);
  return k;
}

namespace {

// The op with this site among the run's ops (kernels name ops by site).
const Node* op_at(const ir::Run& run, const std::string& site) {
  for (const auto* n : run.ops) {
    if (n->site == site) return n;
  }
  return nullptr;
}

}  // namespace

void attach(ir::Function& f, const std::vector<Node*>& group, const ir::Run& run, std::size_t end) {
  const std::size_t start = end - group.size();
  const Node* prev = start > 0 ? run.ops[start - 1] : nullptr;
  std::size_t into = f.kernels.size();
  if (prev && prev->kernel >= 0 && prev->targets == group.front()->targets) {
    const auto& k = f.kernels[static_cast<std::size_t>(prev->kernel)];
    const Node* head = op_at(run, k.sites.front());
    if (head && ir::op_class(*head) != rt::KernelClass::Reference) into = static_cast<std::size_t>(prev->kernel);
  }
  if (into == f.kernels.size()) {
    f.kernels.push_back(make_kernel(group));
  } else {
    for (const auto* n : group) f.kernels[into].sites.push_back(n->site);
  }
  const Node* next = end < run.ops.size() ? run.ops[end] : nullptr;
  if (next && next->kernel >= 0 && next->targets == group.front()->targets && ir::is_tail(ir::op_class(*next))) {
    auto other = static_cast<std::size_t>(next->kernel);
    if (other != into && f.kernels[other].sites.front() == next->site) {
      auto moved = f.kernels[other].sites;
      f.kernels[into].sites.insert(f.kernels[into].sites.end(), moved.begin(), moved.end());
      f.kernels.erase(f.kernels.begin() + static_cast<long>(other));
    }
  }
  ir::sync_kernel_ids(f);  // Node::kernel stays each op's position in f.kernels while the pass goes on
}

std::string op_names(const std::vector<const Node*>& ops) {
  std::string out;
  for (const auto* n : ops) out += (out.empty() ? "" : ", ") + n->op;
  return out;
}

}  // namespace auger::passes
