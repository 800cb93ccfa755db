// The IR text parser: line by line, the inverse of printer.cpp (whose header comment describes the format).
#include "compiler/ir/parser.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <vector>

#include "compiler/ir/text_scanner.h"
#include "compiler/ir/vexpr_text.h"

namespace auger::ir {

namespace {

struct Line {
  int number = 0;
  std::string text;  // without indentation
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A label is not printed apart: a site's last component that is a name, not an index, is the statement's
// label — unless it is the arm value a `match` added to the site (docs/language.md §11.9).
std::string derived_label(const std::string& site, const std::string& arm) {
  auto dot = site.rfind('.');
  std::string last = dot == std::string::npos ? site : site.substr(dot + 1);
  if (all_digits(last) || (!arm.empty() && last == arm)) return {};
  return last;
}

class Parser {
 public:
  Parser(std::string_view text, std::string& error) : error_(error) {
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++number;
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      auto first = line.find_first_not_of(" \t");
      if (first != std::string_view::npos) {
        line = line.substr(first);
        auto last = line.find_last_not_of(" \t");
        line = line.substr(0, last + 1);
        if (line.substr(0, 2) != "//") lines_.push_back({number, std::string(line)});
      }
      start = end + 1;
    }
  }

  std::optional<Function> run() {
    Function f;
    if (!header(f)) return std::nullopt;
    while (more() && starts("param ")) {
      if (!param(f)) return std::nullopt;
    }
    while (more() && (starts("input ") || starts("output "))) {
      if (!field(f)) return std::nullopt;
    }
    if (!more() || cur().text != "body {") return fail("expected `body {`");
    ++at_;
    if (!region(f, f.body, nullptr)) return std::nullopt;
    if (more() && (cur().text == "kernels {" || cur().text == "kernels complete {")) {
      f.planned = cur().text == "kernels complete {";
      ++at_;
      if (!kernels(f)) return std::nullopt;
    }
    if (more()) return fail("unexpected text after the function");
    sync_kernel_ids(f);
    return f;
  }

 private:
  std::vector<Line> lines_;
  std::size_t at_ = 0;
  std::string& error_;
  const Function* fn_ = nullptr;

  [[nodiscard]] bool more() const { return at_ < lines_.size(); }
  [[nodiscard]] const Line& cur() const { return lines_[at_]; }
  [[nodiscard]] bool starts(std::string_view p) const { return cur().text.rfind(p, 0) == 0; }

  std::nullopt_t fail(const std::string& msg) {
    if (error_.empty()) {
      int n = more() ? cur().number : (lines_.empty() ? 1 : lines_.back().number);
      error_ = fmt::format("line {}: {}", n, msg);
    }
    return std::nullopt;
  }

  ParamNames param_names() const {
    const Function* f = fn_;
    return [f](const std::string& name) -> std::optional<ParamRef> {
      for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (f->params[i].name == name) return param_ref_from_type(f->params[i].type, static_cast<int>(i));
      }
      return std::nullopt;
    };
  }

  VExprPtr value(Scanner& s) {
    std::string err;
    auto e = parse_vexpr(s, param_names(), err);
    if (!e) fail(err);
    return e;
  }

  bool header(Function& f) {
    fn_ = &f;
    if (!more() || !starts("policy ")) return fail("expected `policy NAME on SAMPLE`"), false;
    Scanner s(cur().text);
    s.accept("policy");
    f.policy = s.ident();
    if (f.policy.empty() || !s.accept("on")) return fail("expected `policy NAME on SAMPLE`"), false;
    f.sample = s.ident();
    f.deterministic = s.accept("deterministic");
    s.skip_space();
    if (!s.done()) return fail("unexpected text after the policy's header"), false;
    ++at_;
    return true;
  }

  bool param(Function& f) {
    Scanner s(cur().text);
    s.accept("param");
    PolicyParam p;
    p.name = s.ident();
    if (p.name.empty() || !s.accept(":")) return fail("expected `param NAME: TYPE [= VALUE]`"), false;
    s.skip_space();
    p.type = s.until_any({" = "});
    f.params.push_back(p);  // visible to its own value (a parameter's value never names it, but stay total)
    if (s.accept("=")) {
      auto v = value(s);
      if (!v) return false;
      f.params.back().value = v;
    }
    s.skip_space();
    if (!s.done()) return fail("unexpected text after the parameter"), false;
    ++at_;
    return true;
  }

  bool field(Function& f) {
    bool input = starts("input ");
    Scanner s(cur().text);
    s.accept(input ? "input" : "output");
    std::string name = s.ident();
    if (name.empty() || !s.accept(":")) return fail("expected `input NAME: TYPE`"), false;
    s.skip_space();
    (input ? f.inputs : f.outputs).emplace_back(name, field_type(std::string(s.rest())));
    ++at_;
    return true;
  }

  // Node lines up to the closing `}` (consumed).
  bool region(Function& f, std::vector<Node>& out, Node* match) {
    while (true) {
      if (!more()) return fail("missing `}`"), false;
      if (cur().text == "}") {
        ++at_;
        return true;
      }
      Node n;
      std::string arm;
      if (!node(f, n, arm)) return false;
      if (match) {
        if (arm.empty()) return fail("an arm of `match` needs `VALUE =>`"), false;
        match->arm_values.push_back(arm);
      } else if (!arm.empty()) {
        return fail("`VALUE =>` outside `match`"), false;
      }
      out.push_back(std::move(n));
    }
  }

  bool annotations(Scanner& s, Node& n) {
    while (true) {
      if (s.accept("@p(")) {
        if (!(n.probability = value(s)) || !s.accept(")")) return fail("expected `@p(VALUE)`"), false;
      } else if (s.accept("@w(")) {
        if (!(n.weight = value(s)) || !s.accept(")")) return fail("expected `@w(VALUE)`"), false;
      } else if (s.accept("@arm")) {
        n.label.clear();
      } else if (s.accept("@line(")) {
        s.skip_space();
        std::string digits = s.until_any({")"});
        if (!all_digits(digits) || !s.accept(")")) return fail("expected `@line(N)`"), false;
        n.line = std::atoi(digits.c_str());
      } else if (s.accept("from")) {
        n.transform = s.ident();
        if (n.transform.empty()) return fail("expected a transform's name after `from`"), false;
        if (n.kind == NodeKind::Seq && s.peek() == '(' && !args(s, n)) return false;
      } else {
        return true;
      }
    }
  }

  bool node(Function& f, Node& n, std::string& arm) {
    const std::string& text = cur().text;
    Scanner s(text);
    // `VALUE => SITE: …` inside a match
    auto arrow = text.find(" => ");
    auto colon = text.find(": ");
    if (arrow != std::string::npos && arrow < colon) {
      arm = text.substr(0, arrow);
      s.seek(arrow + 4);
    }
    s.skip_space();
    std::size_t site_start = s.pos();
    while (!s.done() && (Scanner::is_ident_char(s.peek()) || s.peek() == '.')) s.seek(s.pos() + 1);
    n.site = text.substr(site_start, s.pos() - site_start);
    if (n.site.empty() || !s.accept(":")) return fail("expected `SITE: …`"), false;
    n.label = derived_label(n.site, arm);
    int line = cur().number;
    std::string word = s.ident();
    if (word.empty()) return fail("expected an op or a statement keyword"), false;
    bool control = word == "seq" || word == "batch" || word == "one_of" || word == "match" ||
                   (word == "some_of" && s.peek() == '(');
    if (!control) return op(f, s, n, word);
    if (word == "seq") n.kind = NodeKind::Seq;
    if (word == "batch") n.kind = NodeKind::Batch;
    if (word == "one_of") n.kind = NodeKind::OneOf;
    if (word == "match") {
      n.kind = NodeKind::Match;
      n.match_param = s.ident();
      if (n.match_param.empty()) return fail("expected `match PARAM`"), false;
    }
    if (word == "some_of") {
      n.kind = NodeKind::SomeOf;
      if (!s.accept("(") || !s.accept("n") || !s.accept(":") || !(n.some_n = value(s)) || !s.accept(",") ||
          !s.accept("replace") || !s.accept(":"))
        return fail("expected `some_of(n: N, replace: BOOL, order: random|listed)`"), false;
      if (s.accept("true"))
        n.replace = true;
      else if (!s.accept("false"))
        return fail("expected `replace: true` or `replace: false`"), false;
      if (!s.accept(",") || !s.accept("order") || !s.accept(":")) return fail("expected `order: …`"), false;
      if (s.accept("listed"))
        n.order_random = false;
      else if (!s.accept("random"))
        return fail("expected `order: random` or `order: listed`"), false;
      if (!s.accept(")")) return fail("expected `)`"), false;
    }
    if (!annotations(s, n)) return false;
    if (!s.accept("{")) return fail("expected `{`"), false;
    bool closed = s.accept("}");
    s.skip_space();
    if (!s.done()) return fail("unexpected text after `{`"), false;
    ++at_;
    if (closed) return true;
    (void)line;
    return region(f, n.children, n.kind == NodeKind::Match ? &n : nullptr);
  }

  // `(name: value, name = value, …)`: given arguments, then defaults filled in by the builder.
  bool args(Scanner& s, Node& n) {
    if (!s.accept("(")) return fail("expected `(`"), false;
    if (s.accept(")")) return true;
    do {
      Arg a;
      a.name = s.ident();
      if (a.name.empty()) return fail("expected an argument's name"), false;
      if (s.accept(":"))
        a.given = true;
      else if (!s.accept("="))
        return fail("expected `name: value` (given) or `name = value` (default)"), false;
      if (!(a.value = value(s))) return false;
      n.args.push_back(std::move(a));
    } while (s.accept(","));
    if (!s.accept(")")) return fail("expected `)` after the arguments"), false;
    return true;
  }

  bool op(Function& f, Scanner& s, Node& n, const std::string& name) {
    (void)f;
    n.kind = NodeKind::Op;
    n.op = name;
    if (s.peek() != '(') return fail("expected `(` after the op's name"), false;
    if (!args(s, n)) return false;
    if (s.accept("on")) {
      do {
        auto t = s.ident();
        if (t.empty()) return fail("expected a field's name after `on`"), false;
        n.targets.push_back(t);
      } while (s.accept(","));
      if (!s.accept(":")) return fail("expected `: IN -> OUT` after the targets"), false;
      s.skip_space();
      std::string in = s.until_any({" -> "});
      if (!s.accept("->")) return fail("expected `->` between the types"), false;
      s.skip_space();
      std::string out = s.until_any({" @", " from "});
      n.in_type = field_type(in);
      n.out_type = field_type(out);
    }
    if (!annotations(s, n)) return false;
    s.skip_space();
    if (!s.done()) return fail("unexpected text after the op"), false;
    ++at_;
    return true;
  }

  bool kernels(Function& f) {
    while (true) {
      if (!more()) return fail("missing `}` after the kernels"), false;
      const auto& text = cur().text;
      if (text == "}") {
        ++at_;
        return true;
      }
      Scanner s(text);
      if (s.accept("map")) {
        if (f.kernels.empty()) return fail("`map` before any kernel"), false;
        f.kernels.back().map = s.ident();
      } else if (s.accept("stats") || s.accept("roi") || s.accept("note")) {
        if (f.kernels.empty()) return fail("an attribute before any kernel"), false;
        auto& k = f.kernels.back();
        std::string* slot = text.rfind("stats", 0) == 0 ? &k.stats
                            : text.rfind("roi", 0) == 0 ? &k.decode_roi
                                                        : &k.note;
        if (!s.quoted(*slot)) return fail("expected a quoted string"), false;
      } else if (s.peek() == 'k' && std::isdigit(static_cast<unsigned char>(s.peek(1)))) {
        Kernel k;
        std::string id = s.ident().substr(1);
        if (!all_digits(id)) return fail("expected `kN = KIND [SITES]`"), false;
        k.id = std::atoi(id.c_str());
        if (!s.accept("=")) return fail("expected `=` after the kernel's name"), false;
        k.kind = s.ident();
        if (k.kind.empty() || !s.accept("[")) return fail("expected `KIND [SITES]`"), false;
        s.skip_space();
        std::string sites = s.until_any({"]"});
        if (!s.accept("]")) return fail("expected `]`"), false;
        std::size_t start = 0;
        while (start < sites.size()) {
          auto comma = sites.find(',', start);
          if (comma == std::string::npos) comma = sites.size();
          std::string site = sites.substr(start, comma - start);
          auto b = site.find_first_not_of(' '), e = site.find_last_not_of(' ');
          if (b == std::string::npos) return fail("an empty site in a kernel"), false;
          k.sites.push_back(site.substr(b, e - b + 1));
          start = comma + 1;
        }
        f.kernels.push_back(std::move(k));
      } else {
        return fail("expected a kernel (`kN = KIND [SITES]`) or one of its attributes"), false;
      }
      s.skip_space();
      if (!s.done()) return fail("unexpected text in the kernels"), false;
      ++at_;
    }
  }
};

}  // namespace

std::optional<Function> parse(std::string_view text, std::string& error) {
  error.clear();
  Parser p(text, error);
  return p.run();
}

}  // namespace auger::ir
