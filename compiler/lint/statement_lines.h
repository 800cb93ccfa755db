// The lines each statement of a file spans, for `# auger: allow(...)` comments: `auger fmt` may wrap a long
// statement over several lines and keeps a trailing comment after the token it followed, so a comment must speak
// for its whole statement, not only for the line it ends up on (docs/lint.md, "Allowing a finding").
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/syntax/ast.h"

namespace auger::lint {

struct LineRange {
  std::uint32_t first = 0;  // 1-based, inclusive
  std::uint32_t last = 0;
};

// One range per statement: a call with its arguments and annotations; a block statement's, policy's, transform's
// or sample's header up to its `{` (its body's statements are ranges of their own); a parameter of a policy or
// transform (inside its header's range); a field, constant, enum or import declaration.
std::vector<LineRange> statement_lines(const ast::File& file, const SourceManager& sources);

// The ranges that hold `line` and hold no smaller range that holds it: the statements, or the parameters of a
// header, that a comment on that line speaks for.
std::vector<LineRange> innermost_at(const std::vector<LineRange>& ranges, std::uint32_t line);

// The longest ranges that start on `line`: the statement a comment alone on the line above speaks for (a whole
// header, not only the parameters on its first line).
std::vector<LineRange> outermost_from(const std::vector<LineRange>& ranges, std::uint32_t line);

}  // namespace auger::lint
