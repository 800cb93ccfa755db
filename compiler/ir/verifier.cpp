// The verifier. What it checks, in order:
//   - parameters and sites are unique; labels agree with sites;
//   - ops name an op and their arguments once each; `some_of` has its `n` (and, drawing without replacement, no
//     more than it has alternatives); `match` names a parameter and has one arm value per child; `@w` appears
//     only on the alternatives of a `one_of`;
//   - element types chain: each op reads what the op before it wrote to its first target, and an image turns
//     from u8 into f32 only through `to_float` (no op turns f32 back);
//   - kernels: numbered in order, of a known kind, each over consecutive image ops of one run (regions.h)
//     whose classes fit the kind (a head — geometric ops with at most one interpolating op, a stencil, or a
//     reference op alone — then pointwise and store ops), no op in two kernels, and — once the plan is
//     complete — every image op in exactly one, with statistics needed only where the kernel can derive them.
#include "compiler/ir/verifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "compiler/ir/fusion_rules.h"
#include "compiler/ir/regions.h"

namespace auger::ir {

namespace {

using KC = rt::KernelClass;

// Known types of fields at one point; a field missing from the map is unknown there (branches disagree).
using Types = std::map<std::string, FieldType>;

Types merge(const Types& a, const Types& b) {
  Types out;
  for (const auto& [name, t] : a) {
    auto it = b.find(name);
    if (it != b.end() && it->second.text == t.text) out.emplace(name, t);
  }
  return out;
}

struct Verifier {
  const Function& f;
  std::vector<std::string> errors;
  bool quiet = false;  // a first walk over a some_of's alternatives only learns what they write

  void error(const Node& n, const std::string& msg) {
    if (!quiet) errors.push_back(fmt::format("site {}: {}", n.site, msg));
  }

  void sites() {
    std::set<std::string> seen;
    for_each_node(f, [&](const Node& n) {
      if (n.site.empty()) errors.push_back("a node without a site");
      if (!seen.insert(n.site).second) errors.push_back(fmt::format("site {}: used by two nodes", n.site));
      if (!n.label.empty() && n.site != n.label && n.site.size() > n.label.size() &&
          n.site.compare(n.site.size() - n.label.size(), n.label.size(), n.label) != 0)
        errors.push_back(fmt::format("site {}: its label `{}` is not its last component", n.site, n.label));
    });
    std::set<std::string> params;
    for (const auto& p : f.params) {
      if (!params.insert(p.name).second) errors.push_back(fmt::format("parameter `{}` declared twice", p.name));
    }
  }

  void structure(const Node& n, const Node* parent) {
    if (n.weight && !(parent && parent->kind == NodeKind::OneOf))
      error(n, "`@w` outside a one_of (a weight only chooses among one_of's alternatives)");
    switch (n.kind) {
      case NodeKind::Op: {
        if (n.op.empty()) error(n, "an op without a name");
        std::set<std::string> names;
        for (const auto& a : n.args) {
          if (!names.insert(a.name).second) error(n, fmt::format("argument `{}` given twice", a.name));
          if (!a.value) error(n, fmt::format("argument `{}` has no value", a.name));
        }
        if (!n.children.empty()) error(n, "an op with children");
        if (!n.targets.empty() && (n.in_type.text.empty() || n.out_type.text.empty()))
          error(n, "an op with targets but no types");
        break;
      }
      case NodeKind::SomeOf: {
        if (!n.some_n) {
          error(n, "some_of without `n`");
          break;
        }
        auto v = fold(*n.some_n);
        if (v && v->kind == Value::Kind::Number && !n.replace && v->number > static_cast<double>(n.children.size()))
          error(n, fmt::format("some_of draws {} distinct alternatives of {}", v->to_string(), n.children.size()));
        break;
      }
      case NodeKind::Match: {
        if (n.match_param.empty()) error(n, "match without a parameter");
        bool known = false;
        for (const auto& p : f.params) known = known || p.name == n.match_param;
        if (!known && !n.match_param.empty())
          error(n, fmt::format("match on `{}`, which is not a parameter of the policy", n.match_param));
        if (n.arm_values.size() != n.children.size())
          error(n, fmt::format("match has {} arm values for {} arms", n.arm_values.size(), n.children.size()));
        break;
      }
      default: break;
    }
    if (n.kind != NodeKind::Op && !(n.kind == NodeKind::Seq && !n.transform.empty()) && !n.args.empty())
      error(n, "arguments on a statement that is neither an op nor a transform's call");
    for (const auto& ch : n.children) structure(ch, &n);
  }

  // Element types: walks the body with the type of each field.
  void types(const std::vector<Node>& nodes, Types& state) {
    for (const auto& n : nodes) node_types(n, state);
  }

  void node_types(const Node& n, Types& state) {
    const Types in = state;
    switch (n.kind) {
      case NodeKind::Op: op_types(n, state); break;
      case NodeKind::Seq:
      case NodeKind::Batch: types(n.children, state); break;
      case NodeKind::OneOf:
      case NodeKind::Match: {
        std::optional<Types> out;
        for (const auto& ch : n.children) {
          Types branch = in;
          node_types(ch, branch);
          out = out ? merge(*out, branch) : branch;
        }
        state = out ? *out : in;
        break;
      }
      case NodeKind::SomeOf: {
        // Alternatives may run in any order, so each may see what any other wrote: learn what they write
        // first, then check each against the merge.
        Types seen = in;
        bool was_quiet = quiet;
        quiet = true;
        for (const auto& ch : n.children) {
          Types branch = in;
          node_types(ch, branch);
          seen = merge(seen, branch);
        }
        quiet = was_quiet;
        for (const auto& ch : n.children) {
          Types branch = seen;
          node_types(ch, branch);
        }
        state = seen;
        break;
      }
    }
    if (n.probability) state = merge(state, in);
  }

  void op_types(const Node& n, Types& state) {
    if (n.targets.empty()) return;
    const auto& first = n.targets.front();
    auto it = state.find(first);
    if (it != state.end() && it->second.text != n.in_type.text)
      error(n, fmt::format("`{}` reads {} as {}, but it is {} here", n.op, first, n.in_type.text, it->second.text));
    const auto& a = n.in_type;
    const auto& b = n.out_type;
    if (a.kind == "image" && b.kind == "image" && a.element != b.element) {
      if (!(n.op == "to_float" && a.element == "u8" && b.element == "f32"))
        error(n, fmt::format("`{}` turns {} into {}: an image goes from u8 to f32 only through to_float", n.op,
                             a.element.empty() ? "u8 or f32" : a.element, b.element.empty() ? "u8 or f32" : b.element));
    } else if (a.kind != b.kind && !(a.kind == "audio" && b.kind == "spectrogram")) {
      error(n, fmt::format("`{}` turns {} into {}", n.op, a.text, b.text));
    }
    // Further targets move with the first; when the op changes the type, their own types are no longer known
    // here (each keeps its colour), so they are not checked until they are written again.
    for (std::size_t i = 1; i < n.targets.size(); ++i) {
      if (a.text != b.text) state.erase(n.targets[i]);
    }
    state[first] = b;
  }

  void kernels() {
    static const std::set<std::string> kinds = {"remap",   "resample", "warp",     "pointwise",
                                                "stencil", "store",    "reference"};
    static const std::set<std::string> maps = {"", "index", "box", "affine", "homography"};
    auto& fn = const_cast<Function&>(f);  // op_runs only reads
    auto runs = op_runs(fn);
    std::map<std::string, std::pair<std::size_t, std::size_t>> where;  // site → (run, position)
    for (std::size_t r = 0; r < runs.size(); ++r) {
      for (std::size_t i = 0; i < runs[r].ops.size(); ++i) where[runs[r].ops[i]->site] = {r, i};
    }
    std::map<std::string, int> owner;
    for (std::size_t k = 0; k < f.kernels.size(); ++k) {
      const auto& kn = f.kernels[k];
      auto err = [&](const std::string& msg) { errors.push_back(fmt::format("kernel k{}: {}", kn.id, msg)); };
      if (kn.id != static_cast<int>(k)) err(fmt::format("numbered k{} at position {}", kn.id, k));
      if (!kinds.count(kn.kind)) err(fmt::format("unknown kind `{}`", kn.kind));
      if (!maps.count(kn.map)) err(fmt::format("unknown map `{}`", kn.map));
      if (kn.sites.empty()) err("no ops");
      std::vector<const Node*> ops;
      std::optional<std::pair<std::size_t, std::size_t>> prev;
      for (const auto& s : kn.sites) {
        auto it = where.find(s);
        if (it == where.end()) {
          err(fmt::format("site {} is not an op of the function", s));
          continue;
        }
        const Node* n = runs[it->second.first].ops[it->second.second];
        if (!is_image(n->in_type)) err(fmt::format("site {} (`{}`) does not work on an image", s, n->op));
        if (auto [o, fresh] = owner.emplace(s, static_cast<int>(k)); !fresh)
          err(fmt::format("site {} is already in k{}", s, o->second));
        if (prev && !(it->second.first == prev->first && it->second.second == prev->second + 1))
          err(fmt::format("site {} does not follow the kernel's previous op in its region", s));
        prev = it->second;
        ops.push_back(n);
      }
      if (ops.size() == kn.sites.size() && !ops.empty()) kernel_classes(kn, ops, err);
    }
    for_each_node(f, [&](const Node& n) {
      if (n.kind != NodeKind::Op) return;
      auto it = owner.find(n.site);
      int expected = it == owner.end() ? -1 : it->second;
      if (n.kernel != expected)
        errors.push_back(fmt::format("site {}: marked as in kernel {} but kernels say {}", n.site, n.kernel, expected));
      if (f.planned && is_image(n.in_type) && it == owner.end())
        errors.push_back(fmt::format("site {}: image op `{}` is in no kernel of the complete plan", n.site, n.op));
    });
  }

  // A kernel is a head (a sampling head of geometric ops, a stencil, or a reference op alone) followed by tail
  // ops (pointwise, store); a kernel of tail ops only is pointwise, or store once it holds a store op.
  template <typename Err>
  void kernel_classes(const Kernel& kn, const std::vector<const Node*>& ops, const Err& err) {
    std::vector<KC> cls;
    for (const auto* n : ops) cls.push_back(op_class(*n));
    std::size_t head = 0;
    std::string want;
    if (is_sampling(cls[0])) {
      while (head < ops.size() && is_sampling(cls[head])) ++head;
      long interp = std::count_if(cls.begin(), cls.begin() + static_cast<long>(head), interpolates);
      if (interp > 1) err(fmt::format("{} interpolating ops in one sampling head (at most one)", interp));
      bool warp = std::count(cls.begin(), cls.begin() + static_cast<long>(head), KC::Warp) > 0;
      bool resample = std::count(cls.begin(), cls.begin() + static_cast<long>(head), KC::Resample) > 0;
      want = warp ? "warp" : resample ? "resample" : "remap";
    } else if (cls[0] == KC::Stencil) {
      head = 1;
      want = "stencil";
    } else if (cls[0] == KC::Reference) {
      head = 1;
      want = "reference";
      if (ops.size() != 1) err(fmt::format("a reference op runs alone, but the kernel has {} ops", ops.size()));
    } else {
      want = std::count(cls.begin(), cls.end(), KC::Store) ? "store" : "pointwise";
    }
    if (kn.kind != want) err(fmt::format("its ops make it a {} kernel, not {}", want, kn.kind));
    for (std::size_t i = head; i < ops.size() && want != "reference"; ++i) {
      if (!is_tail(cls[i]))
        err(fmt::format("`{}` after the kernel's head: only pointwise and store ops may follow it", ops[i]->op));
    }
    // Statistics: once the plan is complete, an op that needs them is first in its kernel or follows only
    // per-channel maps of the kernel's input (between fuse_pointwise and split_statistics it may not yet).
    if (!f.planned) return;
    bool per_channel = true;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (i > 0 && !statistics_of(ops[i]->op).empty() && !per_channel)
        err(
            fmt::format("`{}` needs statistics of its input, which the ops before it in the kernel do not keep "
                        "derivable",
                        ops[i]->op));
      per_channel = per_channel && is_pointwise(cls[i]) && is_per_channel(ops[i]->op);
    }
  }

  void run() {
    sites();
    for (const auto& n : f.body) structure(n, nullptr);
    Types state;
    for (const auto& [name, t] : f.inputs) state[name] = t;
    types(f.body, state);
    for (const auto& [name, t] : f.outputs) {
      auto it = state.find(name);
      if (it == state.end() || t.kind != "image" || it->second.kind != "image") continue;
      if (!t.element.empty() && !it->second.element.empty() && t.element != it->second.element)
        errors.push_back(
            fmt::format("output {}: declared {} but the body leaves it {}", name, t.element, it->second.element));
    }
    kernels();
  }
};

}  // namespace

std::vector<std::string> verify(const Function& f) {
  Verifier v{f, {}};
  v.run();
  return v.errors;
}

}  // namespace auger::ir
