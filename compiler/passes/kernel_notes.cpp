// finalize_kernels: numbering, and what each kernel says about itself. A kernel's kind, map, statistics and note
// follow from its ops and from what comes after it, so they are derived here, in one place, after every planning
// pass — a pass only decides which ops share a kernel.
//   kind: the head's — remap / resample / warp (a sampling head: its geometric ops, with at most one
//         interpolating op), stencil, reference; a kernel of pointwise and store ops only is pointwise, or store
//         once it holds a store op.
//   note: "WHAT; ENDS": what the kernel does, then why the next op starts another kernel.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/ir/fusion_rules.h"
#include "compiler/passes/kernel_groups.h"
#include "runtime/ops/op_record.h"

namespace auger::passes {

namespace {

using ir::Node;
using KC = rt::KernelClass;

struct Place {
  const ir::Run* run = nullptr;
  std::size_t pos = 0;
};

std::string interp_of(const Node& n) {
  const auto* a = n.arg("interp");
  if (!a || !a->value) return "";
  auto v = fold(*a->value);
  return v && v->kind == Value::Kind::Enum ? v->text : "";
}

bool stores_f32(const std::vector<const Node*>& ops) {
  return std::any_of(ops.begin(), ops.end(), [](const Node* n) { return rt::op_id(n->op) == rt::OpId::ToFloat; });
}

struct Describer {
  std::vector<const Node*> ops;
  std::vector<KC> cls;
  std::size_t head_len = 0;  // ops of the head: the geometric prefix, the stencil, the reference op

  void classify() {
    for (const auto* n : ops) cls.push_back(ir::op_class(*n));
    if (ops.empty()) return;
    if (ir::is_sampling(cls[0])) {
      while (head_len < ops.size() && ir::is_sampling(cls[head_len])) ++head_len;
    } else if (!ir::is_tail(cls[0])) {
      head_len = 1;
    }
  }

  std::string kind() const {
    if (ops.empty()) return "reference";
    if (ir::is_sampling(cls[0])) {
      bool warp = false, resample = false;
      for (std::size_t i = 0; i < head_len; ++i) {
        warp = warp || cls[i] == KC::Warp;
        resample = resample || cls[i] == KC::Resample;
      }
      return warp ? "warp" : resample ? "resample" : "remap";
    }
    if (cls[0] == KC::Stencil) return "stencil";
    if (cls[0] == KC::Reference) return "reference";
    return std::count(cls.begin(), cls.end(), KC::Store) ? "store" : "pointwise";
  }

  std::string map() const {
    if (ops.empty() || !ir::is_sampling(cls[0])) return "";
    bool warp = false, resample = false, projective = false;
    for (std::size_t i = 0; i < head_len; ++i) {
      warp = warp || cls[i] == KC::Warp;
      resample = resample || cls[i] == KC::Resample;
      projective = projective || rt::op_id(ops[i]->op) == rt::OpId::Perspective;
    }
    return projective ? "homography" : warp ? "affine" : resample ? "box" : "index";
  }

  std::string stats() const {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      auto s = ir::statistics_of(ops[i]->op);
      if (s.empty()) continue;
      parts.push_back(i == 0 ? fmt::format("{}: {}, from a pre-pass over the kernel's input", ops[i]->op, s)
                             : fmt::format("{}: {}, from the kernel's input through the per-channel maps before it",
                                           ops[i]->op, s));
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
  }

  std::string head_text(const std::string& map) const {
    if (head_len == 0) return "";
    const Node& first = *ops[0];
    if (cls[0] == KC::Stencil) return fmt::format("{} reads a neighbourhood of its materialised input", first.op);
    if (cls[0] == KC::Reference) {
      bool f32 = rt::kernel_class(first.op) != KC::Reference;
      return fmt::format("{} {}: it runs its reference implementation, alone", first.op,
                         f32 ? "works on an f32 image" : "has no fused kernel");
    }
    const Node* interp = nullptr;
    std::vector<const Node*> remaps;
    for (std::size_t i = 0; i < head_len; ++i) {
      if (ir::interpolates(cls[i]))
        interp = ops[i];
      else
        remaps.push_back(ops[i]);
    }
    if (!interp)
      return remaps.size() == 1
                 ? fmt::format("{}: an exact index map, no interpolation", op_names(remaps))
                 : fmt::format("{}: exact index maps composed into one, no interpolation", op_names(remaps));
    std::string how = interp_of(*interp);
    std::string once = how.empty() ? "samples once" : fmt::format("samples once ({})", how);
    if (remaps.empty()) return fmt::format("{} {}", interp->op, once);
    const char* into = map == "box" ? "source box" : map == "homography" ? "homography" : "affine map";
    return fmt::format("{} {}; {} fold{} exactly into its {}", interp->op, once, op_names(remaps),
                       remaps.size() == 1 ? "s" : "", into);
  }

  std::string tail_text() const {
    std::vector<const Node*> tail(ops.begin() + static_cast<long>(head_len), ops.end());
    if (tail.empty()) return "";
    bool store = std::any_of(tail.begin(), tail.end(), [](const Node* n) { return ir::op_class(*n) == KC::Store; });
    std::string how = stores_f32(tail) ? ", converting u8 HWC to f32 CHW as it stores"
                      : store          ? ", applied as it stores"
                                       : "";
    if (head_len == 0) {
      return fmt::format("{}: one pass, each pixel read and written once{}", op_names(tail), how);
    }
    return fmt::format("then {} on each of its output pixels in the same pass{}", op_names(tail), how);
  }

  std::string ends(const Place& last) const {
    const ir::Run& run = *last.run;
    std::size_t j = last.pos + 1;
    if (j >= run.ops.size()) return ir::ends_at(run, j);
    const Node& next = *run.ops[j];
    std::string it = ir::describe(next);
    if (next.targets != ops.back()->targets) return fmt::format("ends before {}, which works on other fields", it);
    if (next.kernel < 0) return fmt::format("ends before {} (not planned yet)", it);
    auto c = ir::op_class(next);
    if (cls[0] == KC::Reference) return fmt::format("ends before {}: a reference op runs alone", it);
    if (c == KC::Reference) return fmt::format("ends before {}, which runs alone on the reference path", it);
    if (c == KC::Stencil)
      return fmt::format("ends before {}, which reads neighbours of its input: that input is materialised first", it);
    if (ir::is_sampling(c)) {
      bool geometry_only = head_len == ops.size() && ir::is_sampling(cls[0]);
      if (geometry_only && ir::interpolates(c))
        return fmt::format(
            "ends before {}, which interpolates too: a kernel samples once, since two resamplings composed into "
            "one differ from doing them in turn (docs/language.md §11.13)",
            it);
      return fmt::format(
          "ends before {}: a kernel's geometry comes first, so a sampling op after other ops starts "
          "a new one",
          it);
    }
    if (!ir::statistics_of(next.op).empty())
      return fmt::format(
          "ends before {}, which needs {}: known only once this kernel has run (a statistics pre-pass "
          "reads its output)",
          it, ir::statistics_of(next.op));
    return fmt::format("ends before {}", it);
  }
};

}  // namespace

void finalize_kernels(ir::Function& f) {
  auto order = ir::program_order(f);
  auto first = [&](const ir::Kernel& k) {
    auto it = k.sites.empty() ? order.end() : order.find(k.sites.front());
    return it == order.end() ? -1 : it->second;
  };
  std::stable_sort(f.kernels.begin(), f.kernels.end(),
                   [&](const ir::Kernel& a, const ir::Kernel& b) { return first(a) < first(b); });
  for (std::size_t i = 0; i < f.kernels.size(); ++i) f.kernels[i].id = static_cast<int>(i);
  ir::sync_kernel_ids(f);

  auto runs = ir::op_runs(f);
  std::map<std::string, Place> where;
  for (const auto& run : runs) {
    for (std::size_t i = 0; i < run.ops.size(); ++i) where[run.ops[i]->site] = {&run, i};
  }
  for (auto& k : f.kernels) {
    Describer d{{}, {}, 0};
    for (const auto& s : k.sites) {
      auto it = where.find(s);
      if (it != where.end()) d.ops.push_back(it->second.run->ops[it->second.pos]);
    }
    if (d.ops.size() != k.sites.size() || d.ops.empty()) continue;  // the verifier reports it
    d.classify();
    k.kind = d.kind();
    k.map = d.map();
    k.stats = d.stats();
    std::string what = d.head_text(k.map);
    std::string tail = d.tail_text();
    if (!tail.empty()) what += what.empty() ? tail : "; " + tail;
    k.note = what + "; " + d.ends(where[k.sites.back()]);
  }
}

}  // namespace auger::passes
