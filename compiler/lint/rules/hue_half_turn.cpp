// AUG104: a hue shift of half the colour wheel or more.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/op_args.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"

namespace auger::lint::rules {

namespace {

void check(LintContext& ctx) {
  for_each_given_arg(ctx, "hue", "shift", [&](const ElabStmt&, const BoundArg& a) {
    if (!always_within(*a.value, 0.5, 1e300) && !always_within(*a.value, -1e300, -0.5)) return;
    ctx.report(kHueHalfTurn, a.value_span,
               fmt::format("`hue(shift: {})` turns the colour wheel by half a turn or more: every colour becomes "
                           "its complement (red to cyan, green to magenta)",
                           ctx.text(a.value_span)))
        .fix(a.value_span, "uniform(-0.1, 0.1)", "draw a small shift around 0");
  });
}

}  // namespace

const LintRule kHueHalfTurn{
    .code = "AUG104",
    .name = "hue-half-turn",
    .category = "signal",
    .level = Severity::Error,
    .summary = "a hue shift of ±0.5 or more turns every colour into its complement",
    .finds =
        "A `hue` whose `shift` is at least 0.5 (or at most -0.5) of the colour wheel for every value it can "
        "take. (Values past ±0.5 are outside `hue`'s domain, which `check` reports as E0303.)",
    .why =
        "The shift is a fraction of a full turn of the hue circle. Half a turn maps every colour to its "
        "complement: skies turn orange, foliage purple. Colour stops carrying information the test set will "
        "show, and for classes that differ by colour the label becomes wrong. ColorJitter uses shifts of at "
        "most ±0.1 in practice.",
    .wrong = "hue(shift: 0.5)",
    .right = "hue(shift: uniform(-0.1, 0.1))",
    .fix = "Replace the shift with a small range around 0, e.g. `uniform(-0.1, 0.1)`.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
