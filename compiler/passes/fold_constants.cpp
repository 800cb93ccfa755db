// fold_constants: policy parameters are bound (their defaults, or the values given with --set), so every
// subexpression that draws nothing is a constant: `signed(0.3 * min(1, magnitude / (bins - 1)))` becomes
// `signed(0.09)`. Random draws stay symbolic — the sampler draws them per sample. A node shared by several uses
// (a random value passed into a transform is drawn once) stays shared: rebuilt nodes are memoised by identity,
// and every node keeps its span (the sampler tells a statement's own draws from passed-in ones by span).
#include <map>

#include "compiler/passes/passes.h"

namespace auger::passes {

namespace {

struct Folder {
  const ir::Function& f;
  std::map<const VExpr*, VExprPtr> done;

  VExprPtr param_value(const VExpr& e) const {
    for (const auto& p : f.params) {
      if (p.name == e.name) return p.value;
    }
    return nullptr;
  }

  VExprPtr operator()(const VExprPtr& e) {
    if (!e) return e;
    if (auto it = done.find(e.get()); it != done.end()) return it->second;
    VExprPtr out = rebuild(e);
    done.emplace(e.get(), out);
    return out;
  }

  VExprPtr rebuild(const VExprPtr& e) {
    if (e->kind == VExpr::Kind::Const) return e;
    if (e->kind == VExpr::Kind::Param) {
      auto v = param_value(*e);
      // A parameter's value never names a parameter (defaults are constants), but stay total.
      if (!v || v->depends_on_params()) return e;
      return (*this)(v);
    }
    auto copy = std::make_shared<VExpr>(*e);
    bool changed = false;
    for (auto& o : copy->operands) {
      auto folded = (*this)(o);
      changed = changed || folded != o;
      o = folded;
    }
    if (!copy->is_random() && !copy->depends_on_params()) {
      if (auto v = fold(*copy)) {
        // Keep the node's unit: `30deg * 0.3` folds to 9deg.
        if (v->kind == Value::Kind::Number && v->dim == Dim::None) v->dim = copy->dim;
        return make_const(*v, e->span);
      }
    }
    return changed ? copy : e;
  }
};

void fold_node(ir::Node& n, Folder& fold) {
  for (auto& a : n.args) a.value = fold(a.value);
  n.probability = fold(n.probability);
  n.weight = fold(n.weight);
  n.some_n = fold(n.some_n);
  for (auto& ch : n.children) fold_node(ch, fold);
}

}  // namespace

void fold_constants(ir::Function& f) {
  Folder folder{f, {}};
  for (auto& p : f.params) p.value = folder(p.value);
  for (auto& n : f.body) fold_node(n, folder);
}

}  // namespace auger::passes
