#include <algorithm>
#include <stdexcept>

#include "compiler/diag/diag_engine.h"

namespace auger {

const std::vector<DiagKind>& all_diag_kinds() {
  static const std::vector<DiagKind> kinds = {
#define DIAG(id, code, sev, name, msg) {DiagId::id, code, Severity::sev, name, msg},
#include "compiler/diag/diag_kinds.def"
#undef DIAG
  };
  return kinds;
}

const DiagKind& diag_kind(DiagId id) {
  return all_diag_kinds().at(static_cast<std::size_t>(id));
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

Diagnostic& DiagEngine::add(DiagId id, Span span, std::string message) {
  Diagnostic d;
  d.id = id;
  d.severity = diag_kind(id).severity;
  d.span = span;
  d.message = std::move(message);
  diags_.push_back(std::move(d));
  return diags_.back();
}

std::size_t DiagEngine::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t DiagEngine::warning_count() const {
  return static_cast<std::size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

std::vector<Diagnostic> DiagEngine::sorted() const {
  auto out = diags_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
  return out;
}

}  // namespace auger
