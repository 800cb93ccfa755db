// A lint rule: its stable code, level, documentation and check, declared once in its own file under rules/.
// docs/lint.md, SARIF's rule descriptions and `auger lint --list-rules` are all generated from these records.
#pragma once

#include <string_view>

#include "compiler/diag/diagnostic.h"

namespace auger::lint {

class LintContext;

struct LintRule {
  std::string_view code;      // "AUG101": stable, never reused
  std::string_view name;      // "solarize-inverts-all": what a human searches for
  std::string_view category;  // signal, dead-code, parameters, randomness, labels, cost
  Severity level = Severity::Warning;
  std::string_view summary;  // one line: SARIF's shortDescription, the table row in docs/lint.md
  std::string_view finds;    // what it finds (the full description)
  std::string_view why;      // why it hurts training
  std::string_view wrong;    // an example policy fragment it flags
  std::string_view right;    // what to write instead
  std::string_view fix;      // the fix-it it offers, in words
  // A check diagnostic that this rule restates (W0802 for a statement that never runs): lint shows the rule's
  // finding and drops the check's diagnostic at the same place, so one smell is reported once.
  std::string_view restates;
  void (*check)(LintContext& ctx) = nullptr;
};

}  // namespace auger::lint
