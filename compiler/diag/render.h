// Renders diagnostics for people (text, rustc/clang style) and for machines (JSON, SARIF 2.1.0).
//
// Columns: every column these renderers print or emit is 1-based and counts Unicode code points, not bytes,
// so that `file:line:col` matches what an editor shows and SARIF can say `"columnKind": "unicodeCodePoints"`.
// End columns in JSON and SARIF are exclusive (SARIF §3.30.2); the text frame underlines [begin, end).
// Text output ends with a newline; JSON and SARIF are one JSON document (pretty-printed) without a final newline.
// Invalid UTF-8 in messages or paths is replaced with U+FFFD in JSON and SARIF rather than throwing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diagnostic.h"

namespace auger {

struct RenderOptions {
  bool color = false;  // ANSI escapes in text output; the CLI sets this only for a terminal
  std::string tool_version = "0.1.0";
  // SARIF's informationUri (omitted when empty), and helpUri is `<docs_uri>#<code lowercase>`. The project has
  // no web site: by default both point at the docs the build was made from (AUGER_DOCS_DIR, set by CMake).
  std::string information_uri = std::string("file://") + AUGER_DOCS_DIR + "/../README.md";
  std::string docs_uri = std::string("file://") + AUGER_DOCS_DIR + "/diagnostics.md";
};

// Text, rustc/clang style:
//   error[E0302]: `angle` is an angle and needs a unit …
//    --> policies/x.aug:7:17
//     |
//   7 |   rotate(angle: 30)
//     |                 ^^
//     |
//     = note: a note without a location
//   note: a note with a location prints its own frame
//    --> …
//   help: replace `30` with `30deg`
//     |
//   7 |   rotate(angle: 30deg)
//     |                 ~~~~~
// Diagnostics are separated by a blank line; a summary ("2 errors, 1 warning generated.") ends the output when
// there is at least one error or warning.
std::string render_text(const std::vector<Diagnostic>& diags, const SourceManager& sm, const RenderOptions& opt);

// {"diagnostics":[{code, severity, name, message, file, line, column, end_line, end_column, notes:[…],
//  fixits:[…]}], "errors":N, "warnings":M}. Location fields are null for a diagnostic without a location.
std::string render_json(const std::vector<Diagnostic>& diags, const SourceManager& sm, const RenderOptions& opt);

// One SARIF 2.1.0 log with one run: a rule per diagnostic kind, a result per diagnostic (notes become
// relatedLocations, fix-its become fixes), partialFingerprints["auger/v1"] for baseline matching.
std::string render_sarif(const std::vector<Diagnostic>& diags, const SourceManager& sm, const RenderOptions& opt);

// `text` with control characters other than newline and tab shown as Control Pictures (␛ ␀ …, ␡ for DEL): the
// text and brief renderers pass messages, paths and source lines through it so that no escape sequence from a
// file reaches the terminal.
std::string visible_controls(std::string_view text);

// The fingerprint SARIF carries: a hash of (code, file, message, primary line with surrounding whitespace
// trimmed), so it survives edits that only move the diagnostic to another line. 16 lowercase hex digits.
std::string diagnostic_fingerprint(const Diagnostic& d, const SourceManager& sm);

// One code frame (` --> file:line:col`, the line, `marker`s under the span) as render_text draws it, for reports
// whose entries are not Diagnostics (lint findings); empty for a span without a location.
std::string render_frame(const SourceManager& sm, Span span, Severity severity, char marker, const RenderOptions& opt);

// A path as the SARIF renderer writes artifact URIs (RFC 3986 path characters, absolute paths as file:// URIs).
std::string path_uri(std::string_view path);

}  // namespace auger
