// A lint finding: a rule's verdict at one span, shaped like a diagnostic (notes, fix-its) but coded `AUGnnn`.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/lint/rule.h"

namespace auger::lint {

struct Finding {
  const LintRule* rule = nullptr;
  Span span;
  std::string message;
  std::vector<DiagNote> notes;
  std::vector<FixIt> fixits;

  [[nodiscard]] Severity severity() const { return rule->level; }
  Finding& note(Span at, std::string msg) {
    notes.push_back({at, std::move(msg)});
    return *this;
  }
  Finding& fix(Span at, std::string replacement, std::string msg) {
    fixits.push_back({at, std::move(replacement), std::move(msg)});
    return *this;
  }
};

}  // namespace auger::lint
