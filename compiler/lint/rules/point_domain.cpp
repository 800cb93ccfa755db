// AUG302: a parameter whose domain holds one value.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/rules.h"

namespace auger::lint::rules {

namespace {

bool one_point(const Domain& d) {
  if (d.kind == Domain::Kind::Set) return d.set.size() == 1;
  return d.lo == d.hi;
}

void check_params(LintContext& ctx, const std::vector<ParamInfo>& params, std::string_view owner) {
  for (const auto& p : params) {
    if (!p.domain || !one_point(*p.domain)) continue;
    Span at = p.domain->span.valid() ? p.domain->span : p.span;
    if (!ctx.user_span(at)) continue;
    ctx.report(kPointDomain, at,
               fmt::format("the domain `{}` of parameter `{}` of {} holds a single value: it is a constant, not a "
                           "parameter",
                           p.domain->to_string(), p.name, owner));
  }
}

void check(LintContext& ctx) {
  check_params(ctx, ctx.policy.params, fmt::format("policy `{}`", ctx.policy.name));
  for (const auto& t : ctx.module.transforms) {
    check_params(ctx, t->params, fmt::format("transform `{}`", t->name));
  }
}

}  // namespace

const LintRule kPointDomain{
    .code = "AUG302",
    .name = "point-domain",
    .category = "parameters",
    .level = Severity::Warning,
    .summary = "a parameter whose domain holds a single value",
    .finds =
        "A policy or transform parameter declared with a domain of one value: `x: int in 3..3`, "
        "`p: float in [0.5, 0.5]`, `res: int in {224}`.",
    .why =
        "A domain is the range a search explores and `--set` accepts. One value leaves nothing to explore: "
        "`auger search` spends trials on a constant, and the declaration suggests a knob that does not exist. "
        "It is usually a range whose bound was edited by mistake.",
    .wrong = "policy train(magnitude: int in 9..9 = 9) on Photo { rand_augment(magnitude: magnitude) }",
    .right = "policy train(magnitude: int in 0..30 = 9) on Photo { rand_augment(magnitude: magnitude) }",
    .fix = "Widen the domain, or replace the parameter by a `const`.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
