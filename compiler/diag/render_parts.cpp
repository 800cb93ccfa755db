#include "compiler/diag/render_parts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace auger::render {

bool usable(const SourceManager& sm, Span s) {
  return s.valid() && s.file < sm.size();
}

std::uint32_t clamp_offset(const SourceManager& sm, FileId f, std::uint32_t off) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(off, sm.text(f).size()));
}

Pos position(const SourceManager& sm, FileId f, std::uint32_t off) {
  off = clamp_offset(sm, f, off);
  LineCol lc = sm.line_col(f, off);
  std::uint32_t line_begin = off - (lc.col - 1);
  std::string_view prefix = sm.text(f).substr(line_begin, off - line_begin);
  std::uint32_t cps = 0;
  for (char c : prefix) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++cps;
  }
  return {lc.line, cps + 1, lc.col - 1};
}

Range range_of(const SourceManager& sm, Span s) {
  std::uint32_t b = clamp_offset(sm, s.file, s.begin);
  std::uint32_t e = clamp_offset(sm, s.file, std::max(s.begin, s.end));
  return {position(sm, s.file, b), position(sm, s.file, e)};
}

void put_location(ojson& j, const SourceManager& sm, Span s) {
  if (!usable(sm, s)) {
    j["file"] = nullptr;
    j["line"] = nullptr;
    j["column"] = nullptr;
    j["end_line"] = nullptr;
    j["end_column"] = nullptr;
    return;
  }
  Range r = range_of(sm, s);
  j["file"] = sm.path(s.file);
  j["line"] = r.begin.line;
  j["column"] = r.begin.col;
  j["end_line"] = r.end.line;
  j["end_column"] = r.end.col;
}

ojson sarif_region(const SourceManager& sm, Span s) {
  Range r = range_of(sm, s);
  return ojson{
      {"startLine", r.begin.line}, {"startColumn", r.begin.col}, {"endLine", r.end.line}, {"endColumn", r.end.col}};
}

std::string fix_message(const SourceManager& sm, const FixIt& f) {
  std::string old = usable(sm, f.span) ? std::string(sm.text(f.span)) : std::string();
  auto esc = [](std::string s) {  // keep the help on one line
    std::string o;
    for (char c : s) o += c == '\n' ? std::string("\\n") : std::string(1, c);
    return o;
  };
  if (!f.message.empty()) return f.message;
  if (old.empty()) return fmt::format("insert `{}`", esc(f.replacement));
  if (f.replacement.empty()) return fmt::format("remove `{}`", esc(old));
  return fmt::format("replace `{}` with `{}`", esc(old), esc(f.replacement));
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

ojson json_notes(const std::vector<DiagNote>& notes, const SourceManager& sm) {
  ojson out = ojson::array();
  for (const auto& n : notes) {
    ojson nj;
    nj["message"] = n.message;
    put_location(nj, sm, n.span);
    out.push_back(std::move(nj));
  }
  return out;
}

ojson json_fixits(const std::vector<FixIt>& fixits, const SourceManager& sm) {
  ojson out = ojson::array();
  for (const auto& f : fixits) {
    ojson fj;
    put_location(fj, sm, f.span);
    fj["replacement"] = f.replacement;
    fj["message"] = fix_message(sm, f);
    out.push_back(std::move(fj));
  }
  return out;
}

}  // namespace auger::render
