// What a rule sees: one checked policy of the linted file, the options, and where to put its findings.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/lint/finding.h"
#include "compiler/sema/program.h"

namespace auger::lint {

struct LintOptions {
  std::optional<double> budget_ms;  // AUG501 runs only when a budget is given
};

class LintContext {
 public:
  LintContext(const Module& module, const PolicyInfo& policy, const SourceManager& sources, const LintOptions& options,
              const std::set<FileId>& user_files, std::vector<Finding>& out)
      : module(module), policy(policy), sources(sources), options(options), user_files_(user_files), out_(out) {}

  const Module& module;
  const PolicyInfo& policy;
  const SourceManager& sources;
  const LintOptions& options;

  // Whether `span` lies in the user's own files: a finding inside a stdlib transform is not the user's to fix
  // (the stdlib reproduces published tables verbatim), so rules report only spans for which this holds.
  [[nodiscard]] bool user_span(Span span) const { return span.valid() && user_files_.count(span.file) > 0; }
  // The source text of a span, as written.
  [[nodiscard]] std::string text(Span span) const { return std::string(sources.text(span)); }

  Finding& report(const LintRule& rule, Span span, std::string message);

 private:
  const std::set<FileId>& user_files_;
  std::vector<Finding>& out_;
};

}  // namespace auger::lint
