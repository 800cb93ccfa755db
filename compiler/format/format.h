// `auger fmt`'s engine: the canonical layout of one `.aug` file (docs/fmt.md states the style).
//
// A file with syntax errors is never formatted: its diagnostics go to `diags`. Every result is checked before
// it is returned: the output must parse to the same AST as the input (spans aside) with the same comments, or
// the result is an internal error and the caller must leave the file alone.
#pragma once

#include <string>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diag_engine.h"

namespace auger::format {

inline constexpr int kDefaultWidth = 100;

struct FormatResult {
  enum class Status { Ok, SyntaxErrors, InternalError };
  Status status = Status::Ok;
  std::string text;     // Ok: the formatted file
  std::string message;  // InternalError: what went wrong
};

FormatResult format_file(const SourceManager& sources, FileId file, DiagEngine& diags, int width = kDefaultWidth);

}  // namespace auger::format
