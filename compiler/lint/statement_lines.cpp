#include "compiler/lint/statement_lines.h"

#include <algorithm>

namespace auger::lint {

namespace {

class Collector {
 public:
  explicit Collector(const SourceManager& sources) : sources_(sources) {}

  // The lines from `from`'s first character to `to`'s last.
  void add(Span from, Span to) {
    if (!from.valid() || !to.valid()) return;
    std::uint32_t last_offset = std::max(to.end, to.begin + 1) - 1;
    out_.push_back({line(from.file, from.begin), line(to.file, std::max(last_offset, from.begin))});
  }
  void add(Span whole) { add(whole, whole); }

  void stmts(const std::vector<ast::StmtPtr>& body) {
    for (const auto& s : body) {
      if (s) stmt(*s);
    }
  }

  std::vector<LineRange> take() { return std::move(out_); }

 private:
  std::uint32_t line(FileId file, std::uint32_t offset) const { return sources_.line_col(file, offset).line; }

  void stmt(const ast::Stmt& s) {
    switch (s.kind) {
      case ast::StmtKind::Call: add(s.span); return;
      case ast::StmtKind::Match:
        add(s.span, s.scrutinee.span.valid() ? s.scrutinee.span : s.keyword_span);
        for (const auto& arm : s.arms) {
          if (arm.body) stmt(*arm.body);
        }
        return;
      default:  // one_of, some_of(...), seq, batch: the header; the body's statements are their own
        add(s.span, s.args_span.valid() && s.args_span.end > s.keyword_span.end ? s.args_span : s.keyword_span);
        stmts(s.body);
        return;
    }
  }

  const SourceManager& sources_;
  std::vector<LineRange> out_;
};

bool inside(const LineRange& inner, const LineRange& outer) {
  return outer.first <= inner.first && inner.last <= outer.last;
}

}  // namespace

std::vector<LineRange> innermost_at(const std::vector<LineRange>& ranges, std::uint32_t line) {
  std::vector<LineRange> at;
  for (const auto& r : ranges) {
    if (r.first <= line && line <= r.last) at.push_back(r);
  }
  std::vector<LineRange> out;
  for (const auto& r : at) {
    bool holds_smaller = std::any_of(at.begin(), at.end(), [&](const LineRange& o) {
      return inside(o, r) && (o.first != r.first || o.last != r.last);
    });
    if (!holds_smaller) out.push_back(r);
  }
  return out;
}

std::vector<LineRange> outermost_from(const std::vector<LineRange>& ranges, std::uint32_t line) {
  std::vector<LineRange> out;
  for (const auto& r : ranges) {
    if (r.first != line) continue;
    if (!out.empty() && r.last > out.front().last) out.clear();
    if (out.empty() || r.last == out.front().last) out.push_back(r);
  }
  return out;
}

std::vector<LineRange> statement_lines(const ast::File& file, const SourceManager& sources) {
  Collector c(sources);
  for (const auto& i : file.imports) c.add(i.span);
  for (const auto& k : file.consts) c.add(k.span);
  for (const auto& e : file.enums) c.add(e.span);
  for (const auto& s : file.samples) {
    c.add(s.span, s.name.span);
    for (const auto& f : s.fields) c.add(f.span);
  }
  for (const auto& p : file.policies) {
    c.add(p.header_span);
    for (const auto& param : p.params) c.add(param.span);
    c.stmts(p.body);
  }
  for (const auto& t : file.transforms) {
    c.add(t.header_span);
    for (const auto& param : t.params) c.add(param.span);
    c.stmts(t.body);
  }
  for (const auto& o : file.ops) c.add(o.header_span);
  return c.take();
}

}  // namespace auger::lint
