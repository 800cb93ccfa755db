#include "compiler/lint/allow_comments.h"

#include <regex>

#include "compiler/lint/statement_lines.h"

namespace auger::lint {

namespace {

std::string trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// The rules a comment allows: `auger: allow(a, b)` anywhere in it.
std::set<std::string> allowed_by(const std::string& comment) {
  static const std::regex kAllow(R"(auger:\s*allow\(([^)]*)\))");
  std::set<std::string> out;
  for (std::sregex_iterator it(comment.begin(), comment.end(), kAllow), end; it != end; ++it) {
    std::string list = (*it)[1];
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string item = trim(std::string_view(list).substr(start, comma - start));
      if (!item.empty()) out.insert(item);
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

AllowComments::AllowComments(const Module& module, const SourceManager& sources) : sources_(sources) {
  std::set<const Module*> seen;
  read(module, sources, seen);
}

void AllowComments::read(const Module& m, const SourceManager& sources, std::set<const Module*>& seen) {
  if (m.is_stdlib || !seen.insert(&m).second) return;
  for (const auto* imp : m.imports) {
    if (imp) read(*imp, sources, seen);
  }
  if (!m.ast) return;
  std::vector<LineRange> statements;
  for (const auto& c : m.ast->comments) {
    auto codes = allowed_by(c.text);
    if (codes.empty()) continue;
    if (statements.empty()) statements = statement_lines(*m.ast, sources);
    std::uint32_t line = sources.line_col(c.span.file, c.span.begin).line;
    allowed_[{c.span.file, line}].insert(codes.begin(), codes.end());
    // A comment alone on its line speaks for the statement that starts on the line below (else for the line
    // below); a trailing one for the statement its line belongs to (the parameters on it, in a header). Either
    // way for every line of that statement, however `auger fmt` wrapped it.
    std::string_view text = sources.line_text(c.span.file, line);
    bool alone = trim(text).rfind('#', 0) == 0;
    std::uint32_t target = alone ? line + 1 : line;
    allowed_[{c.span.file, target}].insert(codes.begin(), codes.end());
    auto covered = alone ? outermost_from(statements, target) : std::vector<LineRange>{};
    if (covered.empty()) covered = innermost_at(statements, target);
    for (const auto& r : covered) {
      for (std::uint32_t l = r.first; l <= r.last; ++l) allowed_[{c.span.file, l}].insert(codes.begin(), codes.end());
    }
  }
}

bool AllowComments::allows(const Finding& f) const {
  if (!f.span.valid()) return false;
  std::uint32_t line = sources_.line_col(f.span.file, f.span.begin).line;
  auto it = allowed_.find({f.span.file, line});
  if (it == allowed_.end()) return false;
  const auto& codes = it->second;
  return codes.count(std::string(f.rule->code)) || codes.count(std::string(f.rule->name)) || codes.count("all");
}

}  // namespace auger::lint
