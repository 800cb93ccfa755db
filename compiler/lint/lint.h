// `auger lint` as a library: the rules over every policy of a checked module, their selection, and the
// `# auger: allow(AUGnnn)` comments that silence them (docs/lint.md).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/lint/context.h"
#include "compiler/lint/finding.h"
#include "compiler/sema/program.h"

namespace auger::lint {

// Which rules run. An entry is a code (`AUG101`), a code prefix (`AUG1`: every signal rule), a rule name
// (`zero-factor`) or `ALL`. Empty `select` selects every rule; `ignore` wins over `select`.
struct Selection {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  [[nodiscard]] bool selected(const LintRule& rule) const;
  // The first entry that names no rule (a typo the user should hear about), if any.
  [[nodiscard]] std::optional<std::string> unknown_entry() const;
};

// Runs the selected rules over every policy of `module` (a file that checked without errors). Findings inside the
// stdlib are never reported; a finding reached twice (a user transform called twice) is reported once; findings
// allowed by a comment are dropped. Sorted by file and position.
// The files of `module` and of the user modules it imports (not the stdlib's): where findings may be reported.
std::set<FileId> user_files(const Module& module);

std::vector<Finding> lint_module(const Module& module, const SourceManager& sources, const LintOptions& options,
                                 const Selection& selection);

}  // namespace auger::lint
