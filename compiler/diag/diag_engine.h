// Collects diagnostics in order; formats messages from the kinds table.
#pragma once

#include <fmt/args.h>
#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace auger {

class DiagEngine {
 public:
  template <typename... Args>
  Diagnostic& report(DiagId id, Span span, const Args&... args) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    (store.push_back(args), ...);
    return add(id, span, fmt::vformat(diag_kind(id).message, store));
  }

  Diagnostic& add(DiagId id, Span span, std::string message);

  [[nodiscard]] const std::vector<Diagnostic>& all() const { return diags_; }
  void clear() { diags_.clear(); }
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;
  [[nodiscard]] bool has_errors() const { return error_count() > 0; }
  // Diagnostics sorted by file and position (stable for equal positions).
  [[nodiscard]] std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> diags_;
};

}  // namespace auger
