#include "compiler/lint/rule_table.h"

#include "compiler/lint/rules/rules.h"

namespace auger::lint {

const std::vector<const LintRule*>& all_rules() {
  static const std::vector<const LintRule*> rules = {
      &rules::kSolarizeInvertsAll, &rules::kZeroFactor,       &rules::kErasesMost,      &rules::kHueHalfTurn,
      &rules::kNeverRuns,          &rules::kRepeatedOp,       &rules::kUnusedParameter, &rules::kPointDomain,
      &rules::kNoRandomness,       &rules::kCropEmptiesBoxes, &rules::kOverBudget,
  };
  return rules;
}

const LintRule* find_rule(std::string_view code) {
  for (const auto* r : all_rules()) {
    if (r->code == code) return r;
  }
  return nullptr;
}

}  // namespace auger::lint
