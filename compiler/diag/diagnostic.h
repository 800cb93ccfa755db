// A diagnostic: kind (from diag_kinds.def), primary span, message, notes at other spans, fix-its.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.h"

namespace auger {

enum class Severity { Error, Warning, Note };

enum class DiagId {
#define DIAG(id, code, sev, name, msg) id,
#include "compiler/diag/diag_kinds.def"
#undef DIAG
};

struct DiagKind {
  DiagId id;
  std::string_view code;  // e.g. "E0301"
  Severity severity;
  std::string_view name;     // e.g. "type-mismatch"
  std::string_view message;  // fmt template
};

const DiagKind& diag_kind(DiagId id);
const std::vector<DiagKind>& all_diag_kinds();
std::string_view severity_name(Severity s);

struct DiagNote {
  Span span;  // may be invalid: a note without a location
  std::string message;
};

// Replace `span` by `replacement` (an empty span inserts). `message` says what the fix does.
struct FixIt {
  Span span;
  std::string replacement;
  std::string message;
};

struct Diagnostic {
  DiagId id{};
  Severity severity = Severity::Error;
  Span span;
  std::string message;
  // The file a diagnostic without a span is about (E0002 for a file that could not be read, so has no FileId):
  // JSON's `file` and a SARIF location without a region name it (code scanning wants a location per result).
  std::string path;
  std::vector<DiagNote> notes;
  std::vector<FixIt> fixits;

  Diagnostic& note(Span at, std::string msg) {
    notes.push_back({at, std::move(msg)});
    return *this;
  }
  Diagnostic& fix(Span at, std::string replacement, std::string msg) {
    fixits.push_back({at, std::move(replacement), std::move(msg)});
    return *this;
  }
  [[nodiscard]] const DiagKind& kind() const { return diag_kind(id); }
};

}  // namespace auger
