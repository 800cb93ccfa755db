// flatten: removes structure that cannot change what runs, so the fusion passes see long runs of ops.
//   - A transparent `seq` in a sequence (the body, another seq, a batch) is spliced into it: a transform's
//     inlined body joins its caller's statements (each keeps `from TRANSFORM`). A seq is transparent without
//     @p, without a label (a handle for `--disable`) and without a random argument: a random value passed into
//     a transform is drawn once per call and shared by the statements inside, which the call's seq scopes.
//   - @p that folded to 0 removes the statement (an alternative of a choice becomes the identity instead: it
//     still takes its turn in the draw); @p of 1 or more is dropped.
//   - A one_of alternative with @w(0) is removed (while others remain); a one_of with one alternative is that
//     alternative; a seq alternative with one statement is that statement; a some_of with n = 0 is removed.
//   - A match on a parameter whose value is known (always, once fold_constants has run) is its chosen arm.
// Sites never change: they key the random draws (language.md §6). A choice with @p that is replaced by its one
// alternative becomes a seq with the choice's site and @p, so the @p draw stays where it was.
#include <optional>

#include "compiler/passes/passes.h"

namespace auger::passes {

namespace {

using ir::Node;
using ir::NodeKind;

bool transparent(const Node& seq) {
  if (seq.kind != NodeKind::Seq || seq.probability || !seq.label.empty()) return false;
  for (const auto& a : seq.args) {
    if (a.value && a.value->is_random()) return false;
  }
  return true;
}

std::optional<double> constant(const VExprPtr& e) {
  if (!e) return std::nullopt;
  auto v = fold(*e);
  if (!v || v->kind != Value::Kind::Number) return std::nullopt;
  return v->number;
}

struct Flattener {
  const ir::Function& f;

  std::optional<std::string> param_enum(const std::string& name) const {
    for (const auto& p : f.params) {
      if (p.name != name || !p.value) continue;
      auto v = fold(*p.value);
      if (v && v->kind == Value::Kind::Enum) return v->text;
    }
    return std::nullopt;
  }

  // Simplifies a node; false when it is to be removed.
  bool simplify(Node& n) {
    if (auto p = constant(n.probability)) {
      if (*p <= 0) return false;
      if (*p >= 1) n.probability = nullptr;
    }
    switch (n.kind) {
      case NodeKind::Op: return true;
      case NodeKind::Seq:
      case NodeKind::Batch: sequence(n.children); return true;
      case NodeKind::OneOf:
      case NodeKind::SomeOf:
      case NodeKind::Match: return choice(n);
    }
    return true;
  }

  // A region whose statements run in order: splices plain seqs.
  void sequence(std::vector<Node>& nodes) {
    std::vector<Node> out;
    for (auto& n : nodes) {
      if (!simplify(n)) continue;
      if (transparent(n)) {
        for (auto& ch : n.children) {
          if (ch.transform.empty()) ch.transform = n.transform;
          out.push_back(std::move(ch));
        }
        continue;
      }
      out.push_back(std::move(n));
    }
    nodes = std::move(out);
  }

  bool choice(Node& n) {
    if (n.kind == NodeKind::Match) {
      if (auto chosen = param_enum(n.match_param)) {
        std::size_t pick = n.children.size();
        for (std::size_t i = 0; i < n.arm_values.size() && i < n.children.size(); ++i) {
          if (n.arm_values[i] == *chosen) pick = i;
        }
        for (std::size_t i = 0; i < n.arm_values.size() && pick == n.children.size() && i < n.children.size(); ++i) {
          if (n.arm_values[i] == "_") pick = i;
        }
        if (pick == n.children.size()) return false;  // no arm (the checker rules this out)
        replace_by(n, pick);
        return simplify(n);
      }
    }
    std::vector<Node> kept;
    std::vector<std::string> arms;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      auto& ch = n.children[i];
      if (!simplify(ch)) {
        // An alternative that never runs still takes its turn in the draw: it becomes the identity.
        Node identity;
        identity.kind = NodeKind::Seq;
        identity.site = ch.site;
        identity.line = ch.line;
        identity.weight = ch.weight;
        identity.transform = ch.transform;
        ch = std::move(identity);
      }
      if (!transparent(ch) || ch.children.size() != 1) {
        kept.push_back(std::move(ch));
      } else {
        // `seq { op }` as an alternative: the op itself, keeping the alternative's weight.
        Node only = std::move(ch.children.front());
        only.weight = ch.weight;
        if (only.transform.empty()) only.transform = ch.transform;
        kept.push_back(std::move(only));
      }
      if (n.kind == NodeKind::Match && i < n.arm_values.size()) arms.push_back(n.arm_values[i]);
    }
    n.children = std::move(kept);
    n.arm_values = std::move(arms);
    if (n.kind == NodeKind::OneOf) {
      std::vector<Node> weighted;
      for (auto& ch : n.children) {
        auto w = constant(ch.weight);
        if (!(w && *w <= 0)) weighted.push_back(std::move(ch));
      }
      if (!weighted.empty()) n.children = std::move(weighted);
      if (n.children.size() == 1 && n.label.empty()) {
        n.children.front().weight = nullptr;
        replace_by(n, 0);
        return true;
      }
    }
    if (n.kind == NodeKind::SomeOf) {
      if (auto k = constant(n.some_n); k && *k <= 0) return false;
    }
    return !n.children.empty();
  }

  // The node becomes its child `i` (which keeps its own site). With @p it becomes a seq holding the child
  // instead, at the node's site, so that the @p is still drawn there.
  static void replace_by(Node& n, std::size_t i) {
    Node child = std::move(n.children[i]);
    if (child.transform.empty()) child.transform = n.transform;
    if (n.probability) {
      n.kind = NodeKind::Seq;
      n.children.clear();
      n.children.push_back(std::move(child));
      n.some_n = nullptr;
      n.match_param.clear();
      n.arm_values.clear();
      n.transform.clear();
      return;
    }
    if (n.weight && !child.weight) child.weight = n.weight;
    n = std::move(child);
  }
};

}  // namespace

void flatten(ir::Function& f) {
  Flattener fl{f};
  fl.sequence(f.body);
  f.kernels.clear();  // sites may have gone: a plan is made after flattening
  f.planned = false;
  ir::sync_kernel_ids(f);
}

}  // namespace auger::passes
