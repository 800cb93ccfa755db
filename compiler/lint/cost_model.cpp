#include "compiler/lint/cost_model.h"

#include <algorithm>

#include "compiler/lint/image_size.h"
#include "compiler/lint/values.h"

namespace auger::lint {

namespace {

double number_at_defaults(const VExprPtr& e, double fallback) {
  if (!e) return fallback;
  auto v = fold_at_defaults(*e);
  return v && v->kind == Value::Kind::Number ? v->number : fallback;
}

class CostWalk {
 public:
  CostWalk(const PolicyInfo& policy, std::vector<OpCost>* ops) : sizes_(image_sizes(policy)), ops_(ops) {}

  double sequence(const std::vector<ElabStmt>& body, double chance) {
    double total = 0;
    for (const auto& st : body) total += stmt(st, chance);
    return total;
  }

 private:
  double stmt(const ElabStmt& st, double chance) {
    // A probability that cannot be folded counts as 1: the estimate is an upper bound there.
    chance *= std::clamp(number_at_defaults(st.probability, 1), 0.0, 1.0);
    switch (st.kind) {
      case ElabStmt::Kind::Op: return op(st, chance);
      case ElabStmt::Kind::Seq:
      case ElabStmt::Kind::Batch: return sequence(st.children, chance);
      case ElabStmt::Kind::OneOf: return one_of(st, chance);
      case ElabStmt::Kind::SomeOf: {
        if (st.children.empty()) return 0;
        double k = static_cast<double>(st.children.size());
        double n = number_at_defaults(st.some_n, k);
        return sequence(st.children, chance * std::max(0.0, n) / k);
      }
      case ElabStmt::Kind::Match: {
        double worst = 0;
        for (const auto& ch : st.children) worst = std::max(worst, stmt(ch, chance));
        return worst;
      }
    }
    return 0;
  }

  double one_of(const ElabStmt& st, double chance) {
    double total_weight = 0;
    for (const auto& ch : st.children) total_weight += std::max(0.0, number_at_defaults(ch.weight, 1));
    if (total_weight <= 0) return 0;
    double total = 0;
    for (const auto& ch : st.children)
      total += stmt(ch, chance * std::max(0.0, number_at_defaults(ch.weight, 1)) / total_weight);
    return total;
  }

  double op(const ElabStmt& st, double chance) {
    double ns = 0;
    for (const auto& [unit, per] : st.op->cost) ns += per * units(st, unit);
    ns *= chance;
    if (ops_) ops_->push_back({&st, ns});
    return ns;
  }

  double units(const ElabStmt& st, const std::string& unit) {
    if (unit == "per_pixel") {
      auto size = sizes_[&st];
      return size ? size->pixels() : Nominal::kImagePixels;
    }
    if (unit == "per_sample") return Nominal::kAudioSamples;
    if (unit == "per_bin") return Nominal::kSpectrogramBins;
    if (unit == "per_token") return Nominal::kTextTokens;
    return 0;  // an unknown unit: tests/lint checks every prelude op uses one of these
  }

  std::map<const ElabStmt*, std::optional<ImageSize>> sizes_;
  std::vector<OpCost>* ops_;
};

}  // namespace

double expected_cost_ns(const PolicyInfo& policy, std::vector<OpCost>* ops) {
  return CostWalk(policy, ops).sequence(policy.body, 1.0);
}

}  // namespace auger::lint
