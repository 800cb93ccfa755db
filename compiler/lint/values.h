// What an argument or annotation can evaluate to, as the lint rules judge it (docs/lint.md "Values").
//
// A policy parameter stands for every value it may be bound to: its domain when it has one (what `--set` and
// `auger search` may choose), else its default. A random value stands for every value it may draw. So a rule
// that flags "every value this argument can take is bad" never fires on a setting that a search or a draw can
// move away from the bad value: a literal constant is the clear case.
#pragma once

#include <optional>

#include "compiler/sema/program.h"
#include "compiler/sema/value.h"

namespace auger::lint {

// Every value a scalar expression can take; nullopt when it cannot be bounded.
std::optional<Range> value_range(const VExpr& e);
// True when every value of `e` lies in [lo, hi] (infinite bounds allowed).
bool always_within(const VExpr& e, double lo, double hi);
// The value with every parameter at its default; nullopt when it draws or a parameter has no foldable default.
std::optional<Value> fold_at_defaults(const VExpr& e);
// The numbers of a two-element list value ([lo, hi], [h, w]), or of a number given for both.
std::optional<std::pair<double, double>> number_pair(const Value& v);

// The argument `name` of an op statement when the user's text (or a transform's) gave it; null otherwise.
const BoundArg* given_arg(const ElabStmt& st, const std::string& name);

}  // namespace auger::lint
