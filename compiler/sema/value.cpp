#include "compiler/sema/value.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace auger {

namespace {

std::string number_text(double v, bool is_int) {
  if (is_int && std::abs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

std::string with_unit(double v, bool is_int, Dim dim) {
  switch (dim) {
    case Dim::None: return number_text(v, is_int);
    case Dim::Angle: return number_text(v, is_int) + "deg";
    case Dim::Duration: return v < 1 ? fmt::format("{}ms", v * 1e3) : number_text(v, is_int) + "s";
    case Dim::Frequency: return v >= 1e3 ? fmt::format("{}kHz", v / 1e3) : number_text(v, is_int) + "Hz";
    case Dim::Gain: return number_text(v, is_int) + "dB";
    case Dim::Pixels: return number_text(v, is_int) + "px";
    case Dim::Fraction: return fmt::format("{}%", v * 100);
  }
  return number_text(v, is_int);
}

// Half to even, as torch.round.
double round_half_even(double x) {
  return std::nearbyint(x);
}

}  // namespace

Value Value::num(double v, bool is_int, Dim dim) {
  Value out;
  out.kind = Kind::Number;
  out.number = v;
  out.is_int = is_int;
  out.dim = dim;
  return out;
}

std::string Value::to_string() const {
  switch (kind) {
    case Kind::Number: return with_unit(number, is_int, dim);
    case Kind::String: return "\"" + text + "\"";
    case Kind::Bool: return boolean ? "true" : "false";
    case Kind::Enum: return text;
    case Kind::List:
    case Kind::Tuple: {
      std::string out = kind == Kind::List ? "[" : "(";
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += items[i].to_string();
      }
      return out + (kind == Kind::List ? "]" : ")");
    }
  }
  return "?";
}

bool VExpr::is_random() const {
  if (kind == Kind::Random) return true;
  return std::any_of(operands.begin(), operands.end(), [](const VExprPtr& o) { return o && o->is_random(); });
}

bool VExpr::depends_on_params() const {
  if (kind == Kind::Param) return true;
  return std::any_of(operands.begin(), operands.end(), [](const VExprPtr& o) { return o && o->depends_on_params(); });
}

std::string VExpr::to_string() const {
  auto join = [&]() {
    std::string out;
    for (std::size_t i = 0; i < operands.size(); ++i) {
      if (i) out += ", ";
      out += operands[i] ? operands[i]->to_string() : "?";
    }
    return out;
  };
  switch (kind) {
    case Kind::Const: return value.to_string();
    case Kind::Param: return name;
    case Kind::Random:
    case Kind::Builtin: return name + "(" + join() + ")";
    case Kind::Unary: return "-" + (operands.empty() ? "?" : operands[0]->to_string());
    case Kind::Binary:
      return "(" + operands[0]->to_string() + " " + std::string(1, op) + " " + operands[1]->to_string() + ")";
    case Kind::List: return "[" + join() + "]";
  }
  return "?";
}

bool Range::bounded() const {
  return std::isfinite(lo) && std::isfinite(hi);
}

std::string Range::to_string(Dim dim) const {
  auto b = [&](double v) {
    if (std::isinf(v)) return std::string(v < 0 ? "-inf" : "inf");
    return with_unit(v, std::floor(v) == v && dim == Dim::None, dim);
  };
  if (lo == hi) return b(lo);
  return "[" + b(lo) + ", " + b(hi) + (hi_open ? ")" : "]");
}

VExprPtr make_const(Value v, Span span) {
  auto e = std::make_shared<VExpr>();
  e->kind = VExpr::Kind::Const;
  e->dim = v.dim;
  e->is_int = v.is_int;
  e->value = std::move(v);
  e->span = span;
  return e;
}

namespace {

Range hull(const Range& a, const Range& b) {
  Range r;
  r.lo = std::min(a.lo, b.lo);
  r.hi = std::max(a.hi, b.hi);
  r.hi_open = (a.hi > b.hi) ? a.hi_open : (b.hi > a.hi ? b.hi_open : (a.hi_open && b.hi_open));
  return r;
}

Range from_products(double a, double b, double c, double d) {
  double vals[] = {a, b, c, d};
  Range r;
  r.lo = r.hi = vals[0];
  for (double v : vals) {
    if (std::isnan(v)) return Range{};
    r.lo = std::min(r.lo, v);
    r.hi = std::max(r.hi, v);
  }
  return r;
}

}  // namespace

std::optional<Range> range_of(const VExpr& e, const ParamRange& params) {
  using K = VExpr::Kind;
  auto sub = [&](std::size_t i) -> std::optional<Range> {
    if (i >= e.operands.size() || !e.operands[i]) return std::nullopt;
    return range_of(*e.operands[i], params);
  };
  switch (e.kind) {
    case K::Const:
      if (e.value.kind == Value::Kind::Number) return Range::point(e.value.number);
      return std::nullopt;
    case K::Param: return params ? params(e) : std::nullopt;
    case K::List: return std::nullopt;
    case K::Unary: {
      auto a = sub(0);
      if (!a) return std::nullopt;
      return Range{-a->hi, -a->lo, false};
    }
    case K::Binary: {
      auto a = sub(0), b = sub(1);
      if (!a || !b) return std::nullopt;
      switch (e.op) {
        case '+': return Range{a->lo + b->lo, a->hi + b->hi, a->hi_open || b->hi_open};
        case '-': return Range{a->lo - b->hi, a->hi - b->lo, false};
        case '*': return from_products(a->lo * b->lo, a->lo * b->hi, a->hi * b->lo, a->hi * b->hi);
        case '/':
          if (b->lo <= 0 && b->hi >= 0) return std::nullopt;
          return from_products(a->lo / b->lo, a->lo / b->hi, a->hi / b->lo, a->hi / b->hi);
        default: return std::nullopt;
      }
    }
    case K::Builtin: {
      auto a = sub(0);
      if (!a) return std::nullopt;
      if (e.name == "min" || e.name == "max") {
        auto b = sub(1);
        if (!b) return std::nullopt;
        if (e.name == "min") return Range{std::min(a->lo, b->lo), std::min(a->hi, b->hi), false};
        return Range{std::max(a->lo, b->lo), std::max(a->hi, b->hi), false};
      }
      if (e.name == "round") return Range{round_half_even(a->lo), round_half_even(a->hi), false};
      if (e.name == "floor") return Range{std::floor(a->lo), std::floor(a->hi), false};
      if (e.name == "ceil") return Range{std::ceil(a->lo), std::ceil(a->hi), false};
      if (e.name == "int") return Range{std::trunc(a->lo), std::trunc(a->hi), false};
      return std::nullopt;
    }
    case K::Random: {
      if (e.name == "uniform") {
        auto a = sub(0), b = sub(1);
        if (!a || !b) return std::nullopt;
        return Range{a->lo, b->hi, true};
      }
      if (e.name == "randint") {
        auto a = sub(0), b = sub(1);
        if (!a || !b) return std::nullopt;
        return Range{std::ceil(a->lo), std::floor(b->hi), false};
      }
      if (e.name == "log_uniform") {
        auto a = sub(0), b = sub(1);
        if (!a || !b) return std::nullopt;
        return Range{a->lo, b->hi, true};
      }
      if (e.name == "normal") return Range{};  // unbounded support
      if (e.name == "signed") {
        auto a = sub(0);
        if (!a) return std::nullopt;
        return hull(*a, Range{-a->hi, -a->lo, false});
      }
      if (e.name == "choice") {
        std::optional<Range> out;
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
          auto r = sub(i);
          if (!r) return std::nullopt;
          out = out ? hull(*out, *r) : *r;
        }
        return out;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Value> fold(const VExpr& e, std::string* error) { return fold_with(e, nullptr, error); }

std::optional<Value> fold_with(const VExpr& e, const LeafValue& leaf, std::string* error) {
  using K = VExpr::Kind;
  auto fail = [&](std::string msg) -> std::optional<Value> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  switch (e.kind) {
    case K::Const: return e.value;
    case K::Param:
    case K::Random: return leaf ? leaf(e) : std::nullopt;
    case K::List: {
      Value out;
      out.kind = Value::Kind::List;
      for (const auto& o : e.operands) {
        auto v = fold_with(*o, leaf, error);
        if (!v) return std::nullopt;
        out.items.push_back(*v);
      }
      return out;
    }
    case K::Unary: {
      auto a = fold_with(*e.operands[0], leaf, error);
      if (!a || a->kind != Value::Kind::Number) return std::nullopt;
      return Value::num(-a->number, a->is_int, a->dim);
    }
    case K::Binary: {
      auto a = fold_with(*e.operands[0], leaf, error), b = fold_with(*e.operands[1], leaf, error);
      if (!a || !b || a->kind != Value::Kind::Number || b->kind != Value::Kind::Number) return std::nullopt;
      switch (e.op) {
        case '+': return Value::num(a->number + b->number, a->is_int && b->is_int, e.dim);
        case '-': return Value::num(a->number - b->number, a->is_int && b->is_int, e.dim);
        case '*': return Value::num(a->number * b->number, a->is_int && b->is_int, e.dim);
        case '/':
          if (b->number == 0) return fail("division by zero");
          return Value::num(a->number / b->number, false, e.dim);
        default: return std::nullopt;
      }
    }
    case K::Builtin: {
      std::vector<Value> args;
      for (const auto& o : e.operands) {
        auto v = fold_with(*o, leaf, error);
        if (!v || v->kind != Value::Kind::Number) return std::nullopt;
        args.push_back(*v);
      }
      if (args.empty()) return std::nullopt;
      const auto& a = args[0];
      if (e.name == "min" && args.size() == 2) return args[1].number < a.number ? args[1] : a;
      if (e.name == "max" && args.size() == 2) return args[1].number > a.number ? args[1] : a;
      if (e.name == "round") return Value::num(round_half_even(a.number), true, a.dim);
      if (e.name == "floor") return Value::num(std::floor(a.number), true, a.dim);
      if (e.name == "ceil") return Value::num(std::ceil(a.number), true, a.dim);
      if (e.name == "int") return Value::num(std::trunc(a.number), true, a.dim);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace auger
