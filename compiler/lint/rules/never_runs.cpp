// AUG201: a statement whose probability is always 0.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"
#include "compiler/lint/walk.h"

namespace auger::lint::rules {

namespace {

void check(LintContext& ctx) {
  for_each_stmt(ctx.policy.body, [&](const ElabStmt& st) {
    if (!st.probability || !ctx.user_span(st.probability_span)) return;
    if (!always_within(*st.probability, -1e300, 0)) return;
    ctx.report(kNeverRuns, st.probability_span,
               fmt::format("`@p({})` never applies the statement: it is dead code", ctx.text(st.probability_span)))
        .fix(st.span, "", "remove the statement (removing only `@p(0)` would run it always)");
  });
}

}  // namespace

const LintRule kNeverRuns{
    .code = "AUG201",
    .name = "never-runs",
    .category = "dead-code",
    .level = Severity::Warning,
    .summary = "a statement whose probability is 0 never runs",
    .finds =
        "A statement whose `@p(…)` is 0 for every value it can take. `check` warns about the same statement "
        "as W0802; `lint` reports it once, as AUG201.",
    .why =
        "The statement is read as part of the recipe by everyone who reviews or copies the policy, yet it "
        "never touches a sample. Usually it was disabled for an ablation and forgotten, so the policy trains "
        "with less augmentation than it says.",
    .wrong = "gaussian_blur(kernel: 5, sigma: 1.0) @p(0)",
    .right = "gaussian_blur(kernel: 5, sigma: 1.0) @p(0.1)    # or delete the line",
    .fix = "Remove the statement.",
    .restates = "W0802",
    .check = check,
};

}  // namespace auger::lint::rules
