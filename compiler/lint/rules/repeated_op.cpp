// AUG202: the same op twice in a row where the second adds nothing or undoes the first.
#include <fmt/format.h>

#include <map>
#include <string_view>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/walk.h"

namespace auger::lint::rules {

namespace {

// Ops for which a second application right after the first is redundant, and why. Involutions undo each other;
// idempotent ops change nothing the second time; `normalize` twice standardises already standardised values.
const std::map<std::string_view, std::string_view>& redundant_ops() {
  static const std::map<std::string_view, std::string_view> ops = {
      {"hflip", "a second flip undoes the first"},
      {"vflip", "a second flip undoes the first"},
      {"invert", "a second inversion undoes the first"},
      {"grayscale", "the image is already grey"},
      {"autocontrast", "the image's range is already stretched"},
      {"equalize", "the histogram is already equalised"},
      {"to_float", "the image is already float"},
      {"normalize",
       "the values are already standardised; the second normalisation shifts them away from what "
       "the model expects"},
  };
  return ops;
}

bool same_op(const ElabStmt& a, const ElabStmt& b) {
  return a.kind == ElabStmt::Kind::Op && b.kind == ElabStmt::Kind::Op && a.op == b.op && a.targets == b.targets;
}

void check(LintContext& ctx) {
  for_each_sequence(ctx.policy.body, [&](const std::vector<ElabStmt>& seq) {
    for (std::size_t i = 1; i < seq.size(); ++i) {
      const ElabStmt& first = seq[i - 1];
      const ElabStmt& second = seq[i];
      if (!same_op(first, second) || !ctx.user_span(second.span)) continue;
      auto why = redundant_ops().find(second.op->name);
      if (why == redundant_ops().end()) continue;
      auto& f = ctx.report(kRepeatedOp, second.span,
                           fmt::format("`{}` right after `{}`: {}", second.op->name, first.op->name, why->second));
      if (ctx.user_span(first.span)) f.note(first.span, "the first one is here");
      f.fix(second.span, "", "remove the second statement");
    }
  });
}

}  // namespace

const LintRule kRepeatedOp{
    .code = "AUG202",
    .name = "repeated-op",
    .category = "dead-code",
    .level = Severity::Warning,
    .summary = "the same op twice in a row where the second is redundant",
    .finds =
        "Two consecutive statements of a sequence (a policy's body, a `seq`, a transform's body) calling the "
        "same op on the same fields, when that op is an involution (`hflip`, `vflip`, `invert`: the second "
        "undoes the first) or idempotent (`grayscale`, `autocontrast`, `equalize`, `to_float`), or is "
        "`normalize`. Probabilities do not matter: two flips at p and q are one flip at p(1-q) + q(1-p).",
    .why =
        "Two unconditional flips cancel, so the policy silently never flips; with probabilities they are one "
        "flip at a different rate than either line says. A repeated idempotent op costs time and does nothing. "
        "Normalising twice feeds the model values far from the statistics it was built for.",
    .wrong = "hflip() @p(0.5)\nhflip() @p(0.5)",
    .right = "hflip() @p(0.5)",
    .fix = "Remove the second statement.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
