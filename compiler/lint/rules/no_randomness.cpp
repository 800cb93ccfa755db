// AUG303: a training policy that draws nothing.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"
#include "compiler/lint/walk.h"

namespace auger::lint::rules {

namespace {

// What makes a statement random: the same things a `deterministic` policy may not contain (language.md §7
// rule 10).
bool draws(const ElabStmt& st) {
  if (st.kind == ElabStmt::Kind::OneOf || st.kind == ElabStmt::Kind::SomeOf) return true;
  if (st.kind == ElabStmt::Kind::Op && st.op->effects.draws) return true;
  if (st.probability && !always_within(*st.probability, 1, 1)) return true;
  for (const auto& a : st.args) {
    if (a.value && a.value->is_random()) return true;
  }
  return false;
}

void check(LintContext& ctx) {
  const PolicyInfo& p = ctx.policy;
  // A policy named eval*/val*/test* that is not deterministic is check's E0713, so it never gets here.
  if (p.deterministic || !ctx.user_span(p.name_span)) return;
  bool random = false;
  for_each_stmt(p.body, [&](const ElabStmt& st) { random = random || draws(st); });
  if (random) return;
  auto& f = ctx.report(kNoRandomness, p.name_span,
                       fmt::format("policy `{}` draws nothing: every epoch sees the same samples, so it augments "
                                   "nothing",
                                   p.name));
  if (p.ast && p.ast->sample.span.valid()) {
    Span at{p.ast->sample.span.file, p.ast->sample.span.end, p.ast->sample.span.end};
    f.fix(at, " deterministic", "declare the policy `deterministic` if it is meant as preprocessing");
  }
}

}  // namespace

const LintRule kNoRandomness{
    .code = "AUG303",
    .name = "no-randomness",
    .category = "randomness",
    .level = Severity::Warning,
    .summary = "a training policy that draws nothing",
    .finds =
        "A policy that is not `deterministic` (and not named eval*/val*/test*, which `check` requires to be "
        "deterministic, E0713) whose statements draw nothing: no random value, no `@p` below 1, no "
        "`one_of`/`some_of`, no op that draws its own parameters (`random_resized_crop`, `random_erasing`, …).",
    .why =
        "Augmentation is the randomness: a policy that does the same thing to a sample every epoch adds no "
        "new views of the data, so the model overfits as if there were no augmentation at all. Usually a "
        "`@p` or a random range was lost in an edit, or a preprocessing policy was not declared "
        "`deterministic`.",
    .wrong = "policy train on Photo {\n  resize(size: [224, 224])\n  hflip()\n}",
    .right = "policy train on Photo {\n  random_resized_crop(size: 224)\n  hflip() @p(0.5)\n}",
    .fix = "Add the randomness that was meant, or declare the policy `deterministic`.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
