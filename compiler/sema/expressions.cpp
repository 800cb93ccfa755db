// Expressions: names, units, random values and built-in functions; type and unit checks; domains.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

#include "compiler/base/limits.h"
#include "compiler/sema/checker.h"

namespace auger {

namespace {

const std::set<std::string> kRandom = {"uniform", "randint", "normal", "log_uniform", "choice", "signed"};
const std::set<std::string> kBuiltins = {"min", "max", "round", "floor", "ceil", "int"};

std::shared_ptr<VExpr> node(VExpr::Kind k, Span span) {
  auto e = std::make_shared<VExpr>();
  e->kind = k;
  e->span = span;
  return e;
}

bool is_number_expr(const VExpr& e) {
  if (e.kind == VExpr::Kind::Const) return e.value.kind == Value::Kind::Number;
  if (e.kind == VExpr::Kind::List) return false;
  if (e.kind == VExpr::Kind::Param) return e.param && e.param->type.is_numeric_scalar();
  if (e.kind == VExpr::Kind::Random && e.name == "choice") {
    for (const auto& o : e.operands) {
      if (!o || !is_number_expr(*o)) return false;
    }
    return true;
  }
  return true;
}

// The plain-number literals of an expression: where a missing unit would go.
void plain_literals(const VExpr& e, std::vector<const VExpr*>& out) {
  if (e.kind == VExpr::Kind::Const && e.value.kind == Value::Kind::Number && e.dim == Dim::None &&
      e.value.number != 0 && e.span.valid()) {
    out.push_back(&e);
  }
  if (e.kind == VExpr::Kind::Param) return;
  for (const auto& o : e.operands) {
    if (o) plain_literals(*o, out);
  }
}

std::string describe(const VExpr& e, const SourceManager& sm) {
  auto text = std::string(sm.text(e.span));
  if (e.kind == VExpr::Kind::Param && e.param)
    return fmt::format("parameter `{}` of type {}", e.name, e.param->type.name());
  if (e.kind == VExpr::Kind::Const) {
    switch (e.value.kind) {
      case Value::Kind::Number:
        return fmt::format("{} `{}`", dim_name(e.dim), text.empty() ? e.value.to_string() : text);
      case Value::Kind::String: return fmt::format("a string `{}`", text);
      case Value::Kind::Bool: return fmt::format("a bool `{}`", text);
      case Value::Kind::Enum: return fmt::format("`{}`", e.value.text);
      case Value::Kind::List:
      case Value::Kind::Tuple: return fmt::format("a list `{}`", text);
    }
  }
  if (e.kind == VExpr::Kind::List) return fmt::format("a list `{}`", text);
  return fmt::format("`{}`", text.empty() ? e.to_string() : text);
}

// Measures a composite node from its operands (VExpr::depth, VExpr::nodes).
void measure(VExpr& e) {
  std::uint64_t nodes = 1;
  std::uint32_t depth = 0;
  for (const auto& o : e.operands) {
    if (!o) continue;
    nodes += o->nodes;
    depth = std::max(depth, o->depth);
  }
  e.nodes = static_cast<std::uint32_t>(std::min<std::uint64_t>(nodes, UINT32_MAX));
  e.depth = depth + 1;
}

}  // namespace

bool Checker::within_value_limits(VExpr& e, Span at) {
  measure(e);
  if (e.depth <= limits::kMaxValueDepth && e.nodes <= limits::kMaxValueNodes) return true;
  // Past the limits only through transform arguments, so mostly while re-elaborating a transform body for a
  // call, where d() is a scratch engine: report to the user's engine, once per place.
  if (value_limit_reported_.insert({at.file, at.begin}).second) {
    diags.report(DiagId::LimitExceeded, at, "this value grows too large once transform arguments are substituted",
                 fmt::format("{} levels and {} operations", limits::kMaxValueDepth, limits::kMaxValueNodes));
  }
  return false;
}

VExprPtr Checker::check_expr(const ast::Expr& e, const Type* expected, Env& env) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Number: {
      Value v = Value::num(e.number, e.is_integer, Dim::None);
      if (!e.unit.empty()) {
        auto u = find_unit(e.unit);
        if (!u) return nullptr;  // the parser reported the unknown unit
        v.number = e.number * u->scale;
        v.dim = u->dim;
        v.is_int = e.is_integer && u->scale == 1.0;
      }
      if (!std::isfinite(v.number)) {
        d().report(DiagId::InvalidNumber, e.span, std::string(sources.text(e.span)));
        return nullptr;
      }
      return make_const(v, e.span);
    }
    case K::String: {
      Value v;
      v.kind = Value::Kind::String;
      v.text = e.text;
      return make_const(v, e.span);
    }
    case K::Bool: {
      Value v;
      v.kind = Value::Kind::Bool;
      v.boolean = e.bool_value;
      return make_const(v, e.span);
    }
    case K::Name: {
      // An empty name stands for an expression the parser could not read; E0101 already said so.
      if (e.text.empty()) return nullptr;
      if (auto it = env.params.find(e.text); it != env.params.end()) {
        // A policy parameter's node is spanned at its declaration; a use is reported where it is written.
        if (it->second && it->second->kind == VExpr::Kind::Param) {
          auto use = std::make_shared<VExpr>(*it->second);
          use->span = e.span;
          return use;
        }
        return it->second;
      }
      if (expected && expected->base == BaseType::Enum && expected->enumeration && expected->enumeration->has(e.text)) {
        Value v;
        v.kind = Value::Kind::Enum;
        v.text = e.text;
        return make_const(v, e.span);
      }
      if (env.module) {
        if (const auto* sym = lookup(*env.module, e.text)) {
          if (sym->kind == SymbolKind::Const) {
            const auto* v = const_value(*sym->module, e.text, e.span);
            if (!v) return nullptr;
            return make_const(*v, e.span);
          }
          d().report(DiagId::UnknownName, e.span, e.text)
              .note(sym->span, fmt::format("`{}` is {}, not a value", e.text, with_article(sym->kind)));
          return nullptr;
        }
      }
      std::vector<std::string> names;
      for (const auto& [n, _] : env.params) names.push_back(n);
      if (env.module) {
        for (const auto& n : visible_names(*env.module, SymbolKind::Const)) names.push_back(n);
      }
      if (expected && expected->base == BaseType::Enum && expected->enumeration) {
        // A bare identifier where an enum value is expected is a misspelt value (`interp: linear`): E0306.
        const auto& en = *expected->enumeration;
        auto& diag = d().report(DiagId::UnknownEnumValue, e.span, e.text, en.name, en.listing());
        for (const auto& v : en.values) names.push_back(v);
        if (auto best = closest(e.text, names); !best.empty()) diag.fix(e.span, best, "did you mean `" + best + "`?");
        if (en.span.valid()) diag.note(en.span, "the enum is declared here");
        return nullptr;
      }
      auto& diag = d().report(DiagId::UnknownName, e.span, e.text);
      if (auto best = closest(e.text, names); !best.empty()) diag.fix(e.span, best, "did you mean `" + best + "`?");
      if (auto mod = stdlib_module_declaring(e.text); !mod.empty())
        diag.note({}, fmt::format("`{}` is declared in `{}`; add `import {}`", e.text, mod, mod));
      return nullptr;
    }
    case K::List:
    case K::Tuple: {
      auto out = node(VExpr::Kind::List, e.span);
      const Type* elem = nullptr;
      if (expected && expected->base == BaseType::List) elem = expected->element.get();
      if (expected && expected->base == BaseType::Enum) elem = expected;
      bool ok = true;
      for (const auto& item : e.items) {
        if (!item) return nullptr;
        auto v = check_expr(*item, elem, env);
        if (!v) {
          ok = false;
          continue;
        }
        out->operands.push_back(v);
      }
      if (!ok || !within_value_limits(*out, e.span)) return nullptr;
      if (!out->operands.empty()) out->dim = out->operands[0]->dim;
      return out;
    }
    case K::Unary: {
      if (e.items.empty() || !e.items[0]) return nullptr;
      auto a = check_expr(*e.items[0], nullptr, env);
      if (!a) return nullptr;
      if (!is_number_expr(*a)) {
        d().report(DiagId::TypeMismatch, e.span, "a number", "`-`", describe(*a, sources));
        return nullptr;
      }
      if (a->kind == VExpr::Kind::Const) {
        auto v = a->value;
        v.number = -v.number;
        return make_const(v, e.span);
      }
      auto out = node(VExpr::Kind::Unary, e.span);
      out->op = '-';
      out->dim = a->dim;
      out->is_int = a->is_int;
      out->operands.push_back(a);
      if (!within_value_limits(*out, e.span)) return nullptr;
      return out;
    }
    case K::Binary: {
      if (e.items.size() != 2 || !e.items[0] || !e.items[1]) return nullptr;
      auto a = check_expr(*e.items[0], nullptr, env);
      auto b = check_expr(*e.items[1], nullptr, env);
      if (!a || !b) return nullptr;
      for (const auto* x : {&a, &b}) {
        if (!is_number_expr(**x)) {
          d().report(DiagId::TypeMismatch, (*x)->span, "a number", std::string(1, e.op), describe(**x, sources));
          return nullptr;
        }
      }
      auto out = node(VExpr::Kind::Binary, e.span);
      out->op = e.op;
      out->operands = {a, b};
      // Before is_random() and fold(), which walk the whole tree.
      if (!within_value_limits(*out, e.span)) return nullptr;
      Dim da = a->dim, db = b->dim;
      auto unit_error = [&](const std::string& why) {
        // "`10deg + 2` is a sum and needs a unit (the same on both sides), found an angle plus a plain number"
        const char* what = e.op == '+'   ? "a sum"
                           : e.op == '-' ? "a difference"
                           : e.op == '*' ? "a product"
                                         : "a quotient";
        const char* rule = e.op == '*'   ? "on one side only"
                           : e.op == '/' ? "the same on both sides, or on the left only"
                                         : "the same on both sides";
        d().report(DiagId::UnitMismatch, e.span, std::string(sources.text(e.span)), what, rule, why);
      };
      switch (e.op) {
        case '+':
        case '-':
          if (da != db) {
            unit_error(fmt::format("{} {} {}", dim_name(da), e.op == '+' ? "plus" : "minus", dim_name(db)));
            return nullptr;
          }
          out->dim = da;
          out->is_int = a->is_int && b->is_int;
          break;
        case '*':
          if (da != Dim::None && db != Dim::None) {
            unit_error(fmt::format("{} times {}", dim_name(da), dim_name(db)));
            return nullptr;
          }
          out->dim = da != Dim::None ? da : db;
          out->is_int = a->is_int && b->is_int;
          break;
        case '/':
          if (db != Dim::None && db != da) {
            unit_error(fmt::format("{} divided by {}", dim_name(da), dim_name(db)));
            return nullptr;
          }
          out->dim = db == da ? Dim::None : da;
          out->is_int = false;
          break;
        default: return nullptr;
      }
      // Fold constant arithmetic now, so `3/4` is a plain constant in the IR.
      std::string err;
      if (!out->is_random() && !out->depends_on_params()) {
        auto v = fold(*out, &err);
        if (!v) {
          if (!err.empty()) d().report(DiagId::ConstEvalError, e.span, err);
          return nullptr;
        }
        return make_const(*v, e.span);
      }
      return out;
    }
    case K::Call: {
      const auto& fn = e.callee.name;
      if (kRandom.count(fn)) {
        if (!env.allow_random) {
          d().report(DiagId::RandomNotAllowed, e.span, env.context);
          return nullptr;
        }
        auto out = node(VExpr::Kind::Random, e.span);
        out->name = fn;
        for (const auto& a : e.args) {
          if (a.name) {
            d().report(DiagId::BadRandomCall, a.span, fmt::format("`{}` takes positional arguments only", fn));
            return nullptr;
          }
          if (!a.value) return nullptr;
          auto v = check_expr(*a.value, expected, env);
          if (!v) return nullptr;
          out->operands.push_back(v);
        }
        if (!within_value_limits(*out, e.span)) return nullptr;
        std::size_t want = fn == "signed" ? 1 : (fn == "choice" ? 0 : 2);
        if ((want && out->operands.size() != want) || (!want && out->operands.empty())) {
          d().report(DiagId::BadRandomCall, e.span,
                     want ? fmt::format("`{}` takes {} argument{}", fn, want, want > 1 ? "s" : "")
                          : std::string("`choice` needs at least one value"));
          return nullptr;
        }
        if (fn != "choice") {
          for (const auto& o : out->operands) {
            if (!is_number_expr(*o)) {
              d().report(DiagId::BadRandomCall, o->span,
                         fmt::format("`{}` draws numbers, found {}", fn, describe(*o, sources)));
              return nullptr;
            }
          }
        }
        if (want == 2 && out->operands[0]->dim != out->operands[1]->dim) {
          d().report(DiagId::BadRandomCall, e.span, fmt::format("both bounds of `{}` need the same unit", fn));
          return nullptr;
        }
        out->dim = out->operands[0]->dim;
        if (fn == "randint") {
          for (const auto& o : out->operands) {
            if (!o->is_int) {
              d().report(DiagId::BadRandomCall, o->span, "`randint` bounds are integers");
              return nullptr;
            }
          }
          out->is_int = true;
        } else if (fn == "signed") {
          out->is_int = out->operands[0]->is_int;
        } else if (fn == "choice") {
          out->is_int = true;
          for (const auto& o : out->operands) out->is_int = out->is_int && o->is_int;
        }
        auto lo = fold(*out->operands[0]);
        auto hi = out->operands.size() > 1 ? fold(*out->operands[1]) : std::nullopt;
        if ((fn == "uniform" || fn == "randint" || fn == "log_uniform") && lo && hi && lo->number > hi->number) {
          d().report(DiagId::BadRandomCall, e.span, fmt::format("`{}` needs low ≤ high", fn));
          return nullptr;
        }
        if (fn == "log_uniform" && lo && lo->number <= 0) {
          d().report(DiagId::BadRandomCall, e.span, "`log_uniform` needs positive bounds");
          return nullptr;
        }
        if (fn == "normal" && hi && hi->number < 0) {
          d().report(DiagId::BadRandomCall, out->operands[1]->span, "the standard deviation of `normal` is ≥ 0");
          return nullptr;
        }
        return out;
      }
      if (kBuiltins.count(fn)) {
        auto out = node(VExpr::Kind::Builtin, e.span);
        out->name = fn;
        for (const auto& a : e.args) {
          if (!a.value || a.name) {
            d().report(DiagId::BadRandomCall, a.span, fmt::format("`{}` takes positional arguments only", fn));
            return nullptr;
          }
          auto v = check_expr(*a.value, nullptr, env);
          if (!v) return nullptr;
          if (!is_number_expr(*v)) {
            d().report(DiagId::TypeMismatch, v->span, "a number", fn, describe(*v, sources));
            return nullptr;
          }
          out->operands.push_back(v);
        }
        if (!within_value_limits(*out, e.span)) return nullptr;
        std::size_t want = (fn == "min" || fn == "max") ? 2 : 1;
        if (out->operands.size() != want) {
          d().report(DiagId::BadRandomCall, e.span,
                     fmt::format("`{}` takes {} argument{}", fn, want, want > 1 ? "s" : ""));
          return nullptr;
        }
        if (want == 2 && out->operands[0]->dim != out->operands[1]->dim) {
          d().report(DiagId::UnitMismatch, e.span, fn, "a function", "the same unit on both arguments",
                     fmt::format("{} and {}", dim_name(out->operands[0]->dim), dim_name(out->operands[1]->dim)));
          return nullptr;
        }
        out->dim = out->operands[0]->dim;
        out->is_int = want == 2 ? (out->operands[0]->is_int && out->operands[1]->is_int) : true;
        if (!out->is_random() && !out->depends_on_params()) {
          auto v = fold(*out);
          if (v) {
            v->dim = out->dim;
            return make_const(*v, e.span);
          }
        }
        return out;
      }
      std::vector<std::string> names(kRandom.begin(), kRandom.end());
      names.insert(names.end(), kBuiltins.begin(), kBuiltins.end());
      auto& diag = d().report(DiagId::BadRandomCall, e.callee.span,
                              fmt::format("`{}` is not a function usable in a value (random values: uniform, randint, "
                                          "normal, log_uniform, choice, signed; functions: min, max, round, floor, "
                                          "ceil, int)",
                                          fn));
      if (auto best = closest(fn, names); !best.empty()) diag.fix(e.callee.span, best, "did you mean `" + best + "`?");
      return nullptr;
    }
  }
  return nullptr;
}

ParamRange param_decl_ranges() {
  return [](const VExpr& p) -> std::optional<Range> {
    if (!p.param) return std::nullopt;
    if (p.param->domain && p.param->domain->kind != Domain::Kind::Set)
      return Range{p.param->domain->lo, p.param->domain->hi, false};
    if (p.param->default_value) {
      auto v = fold(*p.param->default_value);
      if (v && v->kind == Value::Kind::Number) return Range::point(v->number);
    }
    return std::nullopt;
  };
}

bool Checker::coerce(VExprPtr& e, const Type& type, const std::string& what, Span span) {
  if (!e) return false;
  (void)span;
  auto mismatch = [&](const VExpr& at, const std::string& expected) {
    d().report(DiagId::TypeMismatch, at.span, expected, what, describe(at, sources));
    return false;
  };
  // Parameters carry their declared type: compare types, not values.
  if (e->kind == VExpr::Kind::Param && e->param) {
    if (e->param->broken) return true;
    const Type& pt = e->param->type;
    bool ok = pt.base == type.base;
    if (type.base == BaseType::Float && (pt.base == BaseType::Int)) ok = true;
    if ((type.base == BaseType::Size || type.base == BaseType::Count) && pt.base == BaseType::Int) ok = true;
    if (type.base == BaseType::Size && pt.base == BaseType::Float) ok = true;
    if (type.base == BaseType::Color && (pt.base == BaseType::Int || pt.base == BaseType::Float)) ok = true;
    if (ok && type.base == BaseType::Enum && type.enumeration && pt.enumeration) {
      for (const auto& v : pt.enumeration->values) ok = ok && type.enumeration->has(v);
    }
    if (!ok) {
      auto& diag = d().report(DiagId::TypeMismatch, e->span, type.name(), what, describe(*e, sources));
      if (e->param->name_span.valid() && e->param->name_span.begin != e->span.begin)
        diag.note(e->param->name_span, fmt::format("`{}` is declared here", e->param->name));
      return false;
    }
    return true;
  }
  if (e->kind == VExpr::Kind::Random && e->name == "choice") {
    auto copy = std::make_shared<VExpr>(*e);
    for (auto& o : copy->operands) {
      if (!coerce(o, type, what, o->span)) return false;
    }
    e = copy;
    return true;
  }
  switch (type.base) {
    case BaseType::Bool:
      if (e->kind == VExpr::Kind::Const && e->value.kind == Value::Kind::Bool) return true;
      return mismatch(*e, "true or false");
    case BaseType::String:
      if (e->kind == VExpr::Kind::Const && e->value.kind == Value::Kind::String) return true;
      return mismatch(*e, "a string");
    case BaseType::Enum:
      if (e->kind == VExpr::Kind::Const && e->value.kind == Value::Kind::Enum && type.enumeration &&
          type.enumeration->has(e->value.text))
        return true;
      if (e->kind == VExpr::Kind::Const && e->value.kind == Value::Kind::Enum && type.enumeration) {
        d().report(DiagId::UnknownEnumValue, e->span, e->value.text, what, type.enumeration->listing());
        return false;
      }
      return mismatch(*e, "one of " + (type.enumeration ? type.enumeration->listing() : std::string("?")));
    case BaseType::List: {
      if (e->kind != VExpr::Kind::List && !(e->kind == VExpr::Kind::Const && e->value.kind == Value::Kind::List))
        return mismatch(*e, "a list " + type.name());
      if (e->kind == VExpr::Kind::Const) {
        auto list = std::make_shared<VExpr>();
        list->kind = VExpr::Kind::List;
        list->span = e->span;
        for (const auto& item : e->value.items) list->operands.push_back(make_const(item, e->span));
        e = list;
      }
      auto copy = std::make_shared<VExpr>(*e);
      for (auto& o : copy->operands) {
        if (!coerce(o, *type.element, what, o->span)) return false;
      }
      e = copy;
      return true;
    }
    case BaseType::Interval:
    case BaseType::Color:
    case BaseType::Size: {
      bool is_list =
          e->kind == VExpr::Kind::List || (e->kind == VExpr::Kind::Const && e->value.kind == Value::Kind::List);
      if (is_list) {
        std::size_t n = e->kind == VExpr::Kind::List ? e->operands.size() : e->value.items.size();
        if (type.base == BaseType::Interval && n != 2) return mismatch(*e, "an interval `[lo, hi]`");
        if (type.base == BaseType::Size && n != 2) return mismatch(*e, "a size `n` or `[h, w]`");
        if (type.base == BaseType::Color && n != 1 && n != 3 && n != 4)
          return mismatch(*e, "a colour: a number or one per channel");
        Type el;
        el.base = type.base == BaseType::Size ? BaseType::Size : BaseType::Float;
        if (type.base == BaseType::Interval) {
          // An interval's bounds share a unit, whatever it is.
          if (e->kind == VExpr::Kind::List) {
            for (const auto& o : e->operands) {
              if (!is_number_expr(*o)) return mismatch(*o, "a number");
            }
            if (e->operands[0]->dim != e->operands[1]->dim) return mismatch(*e, "an interval with one unit");
            auto lo = fold(*e->operands[0]), hi = fold(*e->operands[1]);
            if (lo && hi && lo->number > hi->number) {
              d().report(DiagId::OutOfDomain, e->span, std::string(sources.text(e->span)), what,
                         "(an interval's low bound ≤ its high bound)");
              return false;
            }
          }
          return true;
        }
        Type wrap;
        wrap.base = BaseType::List;
        wrap.element = std::make_shared<Type>(el);
        return coerce(e, wrap, what, span);
      }
      if (type.base == BaseType::Interval) return mismatch(*e, "an interval `[lo, hi]`");
      [[fallthrough]];
    }
    default: {
      if (!is_number_expr(*e)) return mismatch(*e, type.name());
      Dim need = type.required_dim();
      Dim have = e->dim;
      bool zero = false;
      if (need != Dim::None && have == Dim::None) {
        auto folded = fold(*e);
        zero = folded && folded->number == 0;
      }
      if (!type.accepts_dim(have, zero)) {
        if (need == Dim::None) {
          bool size = type.base == BaseType::Size, count = type.base == BaseType::Count;
          const char* kind = size ? "a size" : count ? "a count" : "a plain number";
          d().report(DiagId::UnitMismatch, e->span, what, kind, type.accepted_units(), describe(*e, sources));
          return false;
        }
        auto& diag = d().report(DiagId::UnitMismatch, e->span, what, dim_name(need), type.accepted_units(),
                                describe(*e, sources));
        if (have == Dim::None) {
          std::vector<const VExpr*> lits;
          plain_literals(*e, lits);
          for (const auto* lit : lits) {
            diag.fix(Span{lit->span.file, lit->span.end, lit->span.end}, std::string(dim_example_unit(need)),
                     fmt::format("write `{}{}`", sources.text(lit->span), dim_example_unit(need)));
          }
        }
        return false;
      }
      bool wants_int = type.base == BaseType::Int || (type.base == BaseType::Count && have == Dim::None);
      if (wants_int && !e->is_int) {
        auto v = fold(*e);
        if (!(v && std::floor(v->number) == v->number)) return mismatch(*e, "an int");
      }
      return true;
    }
  }
}

void Checker::check_domain(const VExpr& e, const Domain& dom, const std::string& what, const Env& env) {
  if (e.kind == VExpr::Kind::List) {
    for (const auto& o : e.operands) {
      if (o) check_domain(*o, dom, what, env);
    }
    return;
  }
  if (e.kind == VExpr::Kind::Const && e.value.kind == Value::Kind::List) {
    for (const auto& item : e.value.items) check_domain(*make_const(item, e.span), dom, what, env);
    return;
  }
  if (e.kind == VExpr::Kind::Const) {
    if (!dom.contains(e.value)) {
      d().report(DiagId::OutOfDomain, e.span, e.value.to_string(), what, dom.to_string());
    }
    return;
  }
  if (e.kind == VExpr::Kind::Random && e.name == "choice") {
    for (const auto& o : e.operands) {
      if (o) check_domain(*o, dom, what, env);
    }
    return;
  }
  if (e.kind == VExpr::Kind::Param) {
    // A parameter's own domain must fit: the checker proves it once for every value `--set` may give.
    if (e.param && e.param->domain) {
      const auto& pd = *e.param->domain;
      bool fits = pd.kind == Domain::Kind::Set
                      ? std::all_of(pd.set.begin(), pd.set.end(), [&](const Value& v) { return dom.contains(v); })
                      : dom.contains(Range{pd.lo, pd.hi, false});
      if (!fits) {
        d().report(DiagId::OutOfDomain, e.span, fmt::format("parameter `{}` in {}", e.name, pd.to_string()), what,
                   dom.to_string());
      }
      return;
    }
    if (e.param) {
      const auto& feeds = e.param->feeds;
      if (std::none_of(feeds.begin(), feeds.end(), [&](const ParamInfo::Feed& f) {
            return f.what == what && f.domain.to_string() == dom.to_string();
          }))
        e.param->feeds.push_back({dom, what});
    }
    if (e.param && e.param->default_value) check_domain(*e.param->default_value, dom, what, env);
    return;
  }
  auto r = range_of(e, env.ranges ? *env.ranges : param_decl_ranges());
  if (!r) return;
  if (dom.contains(*r)) return;
  if (e.is_random()) {
    d().report(DiagId::RandomOutOfDomain, e.span, what, r->to_string(e.dim), dom.to_string());
  } else {
    d().report(DiagId::OutOfDomain, e.span, r->to_string(e.dim), what, dom.to_string());
  }
}

}  // namespace auger
