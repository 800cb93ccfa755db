// The pieces every report of source locations shares — check's diagnostics (render.cpp) and lint's findings
// (compiler/lint/render_lint.cpp): positions in code points, JSON location fields, SARIF regions, fix-it wording.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diagnostic.h"

namespace auger::render {

using ojson = nlohmann::ordered_json;  // keeps fields in the order a reader expects, not sorted

// A renderer must never throw on a diagnostic a buggy pass produced, so a span whose file the source manager
// does not know is treated like a span without a location.
bool usable(const SourceManager& sm, Span s);

// A position as people and SARIF see it: 1-based line and 1-based column in code points.
struct Pos {
  std::uint32_t line = 1;
  std::uint32_t col = 1;       // code points
  std::uint32_t byte_col = 0;  // 0-based byte index into the line, for slicing the line's text
};
struct Range {
  Pos begin;
  Pos end;
};
std::uint32_t clamp_offset(const SourceManager& sm, FileId f, std::uint32_t off);
Pos position(const SourceManager& sm, FileId f, std::uint32_t off);
// Reversed spans (end < begin) are read as empty rather than rejected: the location is still worth showing.
Range range_of(const SourceManager& sm, Span s);

// `file`, `line`, `column`, `end_line`, `end_column` (all null for a span without a location).
void put_location(ojson& j, const SourceManager& sm, Span s);
// [{message, location fields}] and [{location fields, replacement, message}].
ojson json_notes(const std::vector<DiagNote>& notes, const SourceManager& sm);
ojson json_fixits(const std::vector<FixIt>& fixits, const SourceManager& sm);
// SARIF's region: startLine, startColumn, endLine, endColumn (exclusive).
ojson sarif_region(const SourceManager& sm, Span s);

// A fix-it in words: its own message, or "insert/remove/replace `…`", on one line.
std::string fix_message(const SourceManager& sm, const FixIt& f);
std::string lower(std::string_view s);

}  // namespace auger::render
