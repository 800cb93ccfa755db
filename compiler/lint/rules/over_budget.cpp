// AUG501: a policy whose expected cost per sample exceeds `--budget-ms`.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/lint/context.h"
#include "compiler/lint/cost_model.h"
#include "compiler/lint/rules/rules.h"

namespace auger::lint::rules {

namespace {

constexpr std::size_t kNotes = 3;  // the costliest statements named in notes

// Where a statement is seen by the user: its own text, or the user's call of the stdlib transform holding it.
Span user_site(const LintContext& ctx, const ElabStmt& st) {
  if (ctx.user_span(st.span)) return st.span;
  for (auto it = st.frames.rbegin(); it != st.frames.rend(); ++it) {
    if (ctx.user_span(it->call_span)) return it->call_span;
  }
  return {};
}

void check(LintContext& ctx) {
  if (!ctx.options.budget_ms || !ctx.user_span(ctx.policy.name_span)) return;
  std::vector<OpCost> ops;
  double ms = expected_cost_ns(ctx.policy, &ops) / 1e6;
  if (ms <= *ctx.options.budget_ms) return;
  auto& f = ctx.report(kOverBudget, ctx.policy.name_span,
                       fmt::format("policy `{}` is expected to cost {:.3g} ms per sample on one core, over the "
                                   "budget of {:.3g} ms",
                                   ctx.policy.name, ms, *ctx.options.budget_ms));
  std::stable_sort(ops.begin(), ops.end(), [](const OpCost& a, const OpCost& b) { return a.ns > b.ns; });
  for (std::size_t i = 0; i < std::min(kNotes, ops.size()); ++i) {
    f.note(user_site(ctx, *ops[i].stmt),
           fmt::format("`{}` costs {:.3g} ms per sample", ops[i].stmt->op->name, ops[i].ns / 1e6));
  }
}

}  // namespace

const LintRule kOverBudget{
    .code = "AUG501",
    .name = "over-budget",
    .category = "cost",
    .level = Severity::Error,
    .summary = "a policy whose declared cost per sample exceeds --budget-ms",
    .finds =
        "With `--budget-ms X`, a policy whose expected cost per sample, computed from its ops' `cost { … }` "
        "declarations (see \"Cost model\" below), exceeds X milliseconds on one core. The finding is at the "
        "policy's name, with notes at its three costliest statements.",
    .why =
        "An online policy runs inside the training loop: when augmenting a sample takes longer than the step "
        "has per sample, the accelerator waits for data and training slows down by the difference. The "
        "budget is how long a loader worker may spend per sample; a policy over it needs more workers, "
        "cheaper ops, or an offline run (`auger run`).",
    .wrong = "# auger lint --budget-ms 1\npolicy train on Photo {\n  elastic(alpha: 50, sigma: 5)\n}",
    .right = "policy train on Photo {\n  random_resized_crop(size: 224)\n  elastic(alpha: 50, sigma: 5) @p(0.1)\n}",
    .fix = "Run the costly statements less often (`@p`), after a crop to a smaller size, or offline.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
