#include "compiler/lint/values.h"

#include <algorithm>

namespace auger::lint {

namespace {

std::optional<Range> domain_range(const Domain& d) {
  if (d.kind != Domain::Kind::Set) return Range{d.lo, d.hi, false};
  std::optional<Range> out;
  for (const auto& v : d.set) {
    if (v.kind != Value::Kind::Number) return std::nullopt;
    out = out ? Range{std::min(out->lo, v.number), std::max(out->hi, v.number), false} : Range::point(v.number);
  }
  return out;
}

std::optional<Range> param_range(const VExpr& p) {
  if (!p.param) return std::nullopt;
  if (p.param->domain) return domain_range(*p.param->domain);
  if (!p.param->default_value) return std::nullopt;
  return value_range(*p.param->default_value);
}

}  // namespace

std::optional<Range> value_range(const VExpr& e) {
  return range_of(e, param_range);
}

bool always_within(const VExpr& e, double lo, double hi) {
  auto r = value_range(e);
  return r && r->lo >= lo && r->hi <= hi;
}

std::optional<Value> fold_at_defaults(const VExpr& e) {
  return fold_with(e, [](const VExpr& leaf) -> std::optional<Value> {
    if (leaf.kind != VExpr::Kind::Param || !leaf.param || !leaf.param->default_value) return std::nullopt;
    return fold_at_defaults(*leaf.param->default_value);
  });
}

std::optional<std::pair<double, double>> number_pair(const Value& v) {
  if (v.kind == Value::Kind::Number) return std::pair{v.number, v.number};
  if ((v.kind != Value::Kind::List && v.kind != Value::Kind::Tuple) || v.items.size() != 2) return std::nullopt;
  if (v.items[0].kind != Value::Kind::Number || v.items[1].kind != Value::Kind::Number) return std::nullopt;
  return std::pair{v.items[0].number, v.items[1].number};
}

const BoundArg* given_arg(const ElabStmt& st, const std::string& name) {
  const BoundArg* a = st.arg(name);
  return a && a->value && a->explicit_given ? a : nullptr;
}

}  // namespace auger::lint
