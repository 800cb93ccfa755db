// AUG102: `brightness(factor: 0)` or `contrast(factor: 0)`: a black or a flat grey image.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/op_args.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"

namespace auger::lint::rules {

namespace {

void check(LintContext& ctx) {
  for (const char* op : {"brightness", "contrast"}) {
    const char* result = std::string_view(op) == "brightness" ? "a black image" : "a flat grey image";
    for_each_given_arg(ctx, op, "factor", [&](const ElabStmt&, const BoundArg& a) {
      if (!always_within(*a.value, -1e300, 0)) return;
      ctx.report(kZeroFactor, a.value_span,
                 fmt::format("`{}(factor: {})` turns every image into {}: nothing of the sample is left to learn "
                             "from",
                             op, ctx.text(a.value_span), result))
          .fix(a.value_span, "uniform(0.6, 1.4)", "draw a factor around 1 (1 leaves the image unchanged)");
    });
  }
}

}  // namespace

const LintRule kZeroFactor{
    .code = "AUG102",
    .name = "zero-factor",
    .category = "signal",
    .level = Severity::Error,
    .summary = "brightness or contrast with factor 0 erases the image",
    .finds = "A `brightness` or `contrast` whose `factor` is 0 for every value it can take.",
    .why =
        "The factor multiplies the image (brightness) or its distance from the mean grey (contrast); 1 leaves "
        "the image unchanged. At 0 brightness gives a black image and contrast a uniform grey one: the label "
        "stays while the pixels that justify it are gone, so the model is trained on noise.",
    .wrong = "brightness(factor: 0)",
    .right = "brightness(factor: uniform(0.6, 1.4))",
    .fix = "Replace the factor with a range around 1, e.g. `uniform(0.6, 1.4)`.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
