// `auger lint`'s reports: check's diagnostics and the lint findings together, as text, brief, JSON or SARIF 2.1.0.
// Check's diagnostics are rendered by compiler/diag/render (the same bytes `auger check` prints); the findings
// follow in the same shapes, coded `AUGnnn`.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render.h"
#include "compiler/lint/finding.h"

namespace auger::lint {

struct LintReport {
  std::vector<Diagnostic> diagnostics;  // from check
  std::vector<Finding> findings;
};

std::string render_text(const LintReport& r, const SourceManager& sm, const RenderOptions& opt);
std::string render_brief(const LintReport& r, const SourceManager& sm);
std::string render_json(const LintReport& r, const SourceManager& sm, const RenderOptions& opt);
// One SARIF log: check's rules then every lint rule in `tool.driver.rules` (short and full description, help,
// helpUri into docs/lint.md), a result per finding with partialFingerprints["auger/lint/v1"].
std::string render_sarif(const LintReport& r, const SourceManager& sm, const RenderOptions& opt);

// `auger lint --list-rules --format json|sarif`: every lint rule, as {"rules": [{code, name, level, category,
// summary, description, help_uri}]}, or as a SARIF log whose run lists the rules (check's and lint's) and has no
// results (what a code-scanning tool reads to know the rules before any finding).
std::string render_rules_json(const RenderOptions& opt);
std::string render_rules_sarif(const RenderOptions& opt);

// A finding's stable fingerprint: a hash of its code, its file's path relative to the working folder, the text
// it flags with runs of white space collapsed, and `occurrence` (how many earlier findings share those three).
// Moving the construct to another line, or running from another checkout, keeps it. 16 lowercase hex digits.
std::string finding_fingerprint(const Finding& f, const SourceManager& sm, int occurrence);

}  // namespace auger::lint
