#include "compiler/lint/context.h"

namespace auger::lint {

Finding& LintContext::report(const LintRule& rule, Span span, std::string message) {
  Finding f;
  f.rule = &rule;
  f.span = span;
  f.message = std::move(message);
  out_.push_back(std::move(f));
  return out_.back();
}

}  // namespace auger::lint
