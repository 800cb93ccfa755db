#include "compiler/ir/vexpr_text.h"

#include <cmath>
#include <cstdlib>
#include <set>

namespace auger::ir {

namespace {

const std::set<std::string> kRandoms = {"uniform", "randint", "normal", "log_uniform", "choice", "signed"};
const std::set<std::string> kBuiltins = {"min", "max", "round", "floor", "ceil", "int"};

struct ExprReader {
  Scanner& s;
  const ParamNames& params;
  std::string& error;

  VExprPtr fail(std::string msg) {
    if (error.empty()) error = std::move(msg) + " at `" + std::string(s.rest().substr(0, 24)) + "`";
    return nullptr;
  }

  static std::shared_ptr<VExpr> node(VExpr::Kind k) {
    auto e = std::make_shared<VExpr>();
    e->kind = k;
    return e;
  }

  static Dim first_dim(const std::vector<VExprPtr>& ops) {
    for (const auto& o : ops) {
      if (o->dim != Dim::None) return o->dim;
    }
    return Dim::None;
  }

  // A number with an optional unit suffix, stored as sema stores it (degrees, seconds, hertz, `50%` = 0.5).
  VExprPtr number() {
    std::string_view r = s.rest();
    std::size_t n = 0;
    if (n < r.size() && (r[n] == '-' || r[n] == '+')) ++n;
    bool fractional = false;
    while (n < r.size() && (std::isdigit(static_cast<unsigned char>(r[n])) || r[n] == '.')) {
      fractional = fractional || r[n] == '.';
      ++n;
    }
    if (n < r.size() && (r[n] == 'e' || r[n] == 'E') && n + 1 < r.size() &&
        (std::isdigit(static_cast<unsigned char>(r[n + 1])) || r[n + 1] == '-' || r[n + 1] == '+')) {
      fractional = true;
      n += 2;
      while (n < r.size() && std::isdigit(static_cast<unsigned char>(r[n]))) ++n;
    }
    std::string literal(r.substr(0, n));
    char* end = nullptr;
    double v = std::strtod(literal.c_str(), &end);
    if (literal.empty() || end != literal.c_str() + literal.size()) return fail("expected a number");
    std::size_t u = n;
    while (u < r.size() && (std::isalpha(static_cast<unsigned char>(r[u])) || r[u] == '%')) ++u;
    Dim dim = Dim::None;
    if (u > n) {
      auto unit = find_unit(r.substr(n, u - n));
      if (!unit) return fail("unknown unit `" + std::string(r.substr(n, u - n)) + "`");
      dim = unit->dim;
      // Divide by 1000 rather than multiply by 0.001: the printed "25ms" then reads back as the same double.
      v = unit->scale < 1 ? v / std::round(1 / unit->scale) : v * unit->scale;
    }
    s.seek(s.pos() + u);
    bool is_int = !fractional && dim == Dim::None;
    return make_const(Value::num(v, is_int, dim), {});
  }

  VExprPtr list() {
    std::vector<VExprPtr> items;
    s.accept("[");
    if (!s.accept("]")) {
      do {
        auto e = expr();
        if (!e) return nullptr;
        items.push_back(e);
      } while (s.accept(","));
      if (!s.accept("]")) return fail("expected `]`");
    }
    bool constant = true;
    for (const auto& i : items) constant = constant && i->kind == VExpr::Kind::Const;
    if (constant) {
      Value v;
      v.kind = Value::Kind::List;
      for (const auto& i : items) v.items.push_back(i->value);
      return make_const(v, {});
    }
    auto e = node(VExpr::Kind::List);
    e->operands = std::move(items);
    return e;
  }

  // "(a op b)" or a tuple "(a, b)" of constants.
  VExprPtr paren() {
    s.accept("(");
    auto a = expr();
    if (!a) return nullptr;
    s.skip_space();
    if (s.accept(",")) {
      Value t;
      t.kind = Value::Kind::Tuple;
      std::vector<VExprPtr> items{a};
      do {
        auto b = expr();
        if (!b) return nullptr;
        items.push_back(b);
      } while (s.accept(","));
      if (!s.accept(")")) return fail("expected `)`");
      for (const auto& i : items) {
        if (i->kind != VExpr::Kind::Const) return fail("a tuple holds constants only");
        t.items.push_back(i->value);
      }
      return make_const(t, {});
    }
    if (s.accept(")")) return a;
    char op = s.peek();
    if (op != '+' && op != '-' && op != '*' && op != '/') return fail("expected an operator");
    s.seek(s.pos() + 1);
    auto b = expr();
    if (!b) return nullptr;
    if (!s.accept(")")) return fail("expected `)`");
    auto e = node(VExpr::Kind::Binary);
    e->op = op;
    e->operands = {a, b};
    if (op == '/')
      e->dim = a->dim == b->dim ? Dim::None : a->dim;
    else
      e->dim = a->dim != Dim::None ? a->dim : b->dim;
    e->is_int = op != '/' && a->is_int && b->is_int;
    return e;
  }

  VExprPtr call(const std::string& name) {
    auto e = node(kRandoms.count(name) ? VExpr::Kind::Random : VExpr::Kind::Builtin);
    e->name = name;
    s.accept("(");
    if (!s.accept(")")) {
      do {
        auto a = expr();
        if (!a) return nullptr;
        e->operands.push_back(a);
      } while (s.accept(","));
      if (!s.accept(")")) return fail("expected `)`");
    }
    e->dim = first_dim(e->operands);
    bool all_int = !e->operands.empty();
    for (const auto& o : e->operands) all_int = all_int && o->is_int;
    if (name == "randint" || name == "round" || name == "floor" || name == "ceil" || name == "int")
      e->is_int = true;
    else if (name == "choice" || name == "min" || name == "max" || name == "signed")
      e->is_int = all_int;
    return e;
  }

  VExprPtr expr() {
    s.skip_space();
    char c = s.peek();
    if (c == '-' && !std::isdigit(static_cast<unsigned char>(s.peek(1))) && s.peek(1) != '.') {
      s.seek(s.pos() + 1);
      auto a = expr();
      if (!a) return nullptr;
      auto e = node(VExpr::Kind::Unary);
      e->op = '-';
      e->operands = {a};
      e->dim = a->dim;
      e->is_int = a->is_int;
      return e;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') return number();
    if (c == '"') {
      std::string text;
      // Strings print without escapes (VExpr::to_string): read up to the closing quote.
      s.seek(s.pos() + 1);
      while (!s.done() && s.peek() != '"') {
        text += s.peek();
        s.seek(s.pos() + 1);
      }
      if (s.done()) return fail("unterminated string");
      s.seek(s.pos() + 1);
      Value v;
      v.kind = Value::Kind::String;
      v.text = text;
      return make_const(v, {});
    }
    if (c == '[') return list();
    if (c == '(') return paren();
    std::string name = s.ident();
    if (name.empty()) return fail("expected a value");
    if (s.peek() == '(') {
      if (!kRandoms.count(name) && !kBuiltins.count(name)) return fail("unknown function `" + name + "`");
      return call(name);
    }
    if (name == "true" || name == "false") {
      Value v;
      v.kind = Value::Kind::Bool;
      v.boolean = name == "true";
      return make_const(v, {});
    }
    if (params) {
      if (auto p = params(name)) {
        auto e = node(VExpr::Kind::Param);
        e->name = name;
        e->index = p->index;
        e->dim = p->dim;
        e->is_int = p->is_int;
        return e;
      }
    }
    Value v;
    v.kind = Value::Kind::Enum;
    v.text = name;
    return make_const(v, {});
  }
};

}  // namespace

VExprPtr parse_vexpr(Scanner& s, const ParamNames& params, std::string& error) {
  ExprReader r{s, params, error};
  return r.expr();
}

ParamRef param_ref_from_type(const std::string& type, int index) {
  ParamRef out;
  out.index = index;
  std::string base = type.substr(0, type.find_first_of(" ["));
  if (base == "int") out.is_int = true;
  if (base == "angle") out.dim = Dim::Angle;
  if (base == "duration") out.dim = Dim::Duration;
  if (base == "frequency") out.dim = Dim::Frequency;
  if (base == "gain") out.dim = Dim::Gain;
  return out;
}

}  // namespace auger::ir
