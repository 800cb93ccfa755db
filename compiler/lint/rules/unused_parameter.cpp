// AUG301: a policy parameter that nothing in the policy reads.
#include <fmt/format.h>

#include <set>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/walk.h"

namespace auger::lint::rules {

namespace {

std::set<std::string> names_read(const PolicyInfo& policy) {
  std::vector<const ParamInfo*> read;
  std::set<std::string> names;
  for_each_stmt(policy.body, [&](const ElabStmt& st) {
    for (const auto& a : st.args) {
      if (a.value) params_read(*a.value, read);
    }
    for (const auto* e : {&st.probability, &st.weight, &st.some_n}) {
      if (*e) params_read(**e, read);
    }
    if (!st.match_param.empty()) names.insert(st.match_param);
  });
  for (const auto* p : read) names.insert(p->name);
  return names;
}

// The parameter's text with the comma that separates it from its neighbour, so that removing it leaves a valid
// parameter list.
Span removal(const LintContext& ctx, const ParamInfo& p) {
  std::string_view text = ctx.sources.text(p.span.file);
  Span s = p.span;
  std::uint32_t after = s.end;
  while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
  if (after < text.size() && text[after] == ',') {
    ++after;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    return {s.file, s.begin, after};
  }
  std::uint32_t before = s.begin;
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
  if (before > 0 && text[before - 1] == ',') return {s.file, before - 1, s.end};
  return s;
}

void check(LintContext& ctx) {
  auto read = names_read(ctx.policy);
  for (const auto& p : ctx.policy.params) {
    if (read.count(p.name) || !ctx.user_span(p.name_span)) continue;
    ctx.report(kUnusedParameter, p.name_span,
               fmt::format("parameter `{}` of policy `{}` is never used", p.name, ctx.policy.name))
        .fix(removal(ctx, p), "", fmt::format("remove the parameter `{}`", p.name));
  }
}

}  // namespace

const LintRule kUnusedParameter{
    .code = "AUG301",
    .name = "unused-parameter",
    .category = "parameters",
    .level = Severity::Warning,
    .summary = "a policy parameter that nothing in the policy reads",
    .finds =
        "A parameter of a policy that no argument, `@p`, `@w`, `some_of(n: …)` or `match` of the policy "
        "(transform calls included) reads. The finding is at the parameter's declaration.",
    .why =
        "Parameters are the policy's search space: `auger search` spends trials on every one of them and "
        "`--set` accepts them. A parameter that changes nothing wastes those trials, and a run that sets it "
        "believes it changed the augmentation when it did not (usually a typo in the name it was meant for).",
    .wrong =
        "policy train(magnitude: int in 0..30 = 9, erase_p: float in [0, 1] = 0.25) on Photo {\n"
        "  rand_augment(n: 2, magnitude: magnitude)\n}",
    .right =
        "policy train(magnitude: int in 0..30 = 9) on Photo {\n"
        "  rand_augment(n: 2, magnitude: magnitude)\n}",
    .fix = "Remove the parameter (or use it where it was meant to go).",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
