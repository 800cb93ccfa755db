#include "compiler/diag/render_brief.h"

#include <fmt/format.h>

#include "compiler/diag/render.h"

namespace auger {

namespace {

// Columns count code points, as the other renderers do.
std::string where(const SourceManager& sm, Span span) {
  if (!span.valid()) return "";
  auto lc = sm.line_col(span.file, span.begin);
  auto line = sm.line_text(span.file, lc.line);
  std::uint32_t col = 1;
  for (std::uint32_t i = 0; i + 1 < lc.col && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  if (lc.col > line.size() + 1) col += lc.col - static_cast<std::uint32_t>(line.size()) - 1;
  return fmt::format("{}:{}:{}: ", sm.path(span.file), lc.line, col);
}

}  // namespace

std::string render_brief(const std::vector<Diagnostic>& diags, const SourceManager& sm) {
  std::string out;
  for (const auto& d : diags) {
    out += fmt::format("{}{}[{}]: {}\n", where(sm, d.span), severity_name(d.severity), d.kind().code, d.message);
    for (const auto& n : d.notes) out += fmt::format("{}note: {}\n", where(sm, n.span), n.message);
    for (const auto& f : d.fixits) {
      auto old = sm.text(f.span);
      std::string what = old.empty()             ? fmt::format("insert `{}`", f.replacement)
                         : f.replacement.empty() ? fmt::format("remove `{}`", old)
                                                 : fmt::format("replace `{}` with `{}`", old, f.replacement);
      out += fmt::format("{}fix-it: {}\n", where(sm, f.span), what);
    }
  }
  return visible_controls(out);  // no escape sequence from a file or its name reaches the terminal
}

}  // namespace auger
