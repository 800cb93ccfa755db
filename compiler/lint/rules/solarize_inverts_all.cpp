// AUG101: `solarize(threshold: 0)` inverts every pixel.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/op_args.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"

namespace auger::lint::rules {

namespace {

void check(LintContext& ctx) {
  for_each_given_arg(ctx, "solarize", "threshold", [&](const ElabStmt& st, const BoundArg& a) {
    if (!always_within(*a.value, -1e300, 0)) return;
    ctx.report(kSolarizeInvertsAll, a.value_span,
               fmt::format("`solarize(threshold: {})` inverts every pixel: the image's tones are all reversed, "
                           "which is `invert()`, not a solarization",
                           ctx.text(a.value_span)))
        .fix(st.callee_span.to(st.args_span), "invert()", "write `invert()` if a full inversion is meant");
  });
}

}  // namespace

const LintRule kSolarizeInvertsAll{
    .code = "AUG101",
    .name = "solarize-inverts-all",
    .category = "signal",
    .level = Severity::Error,
    .summary = "solarize with threshold 0 inverts every pixel",
    .finds =
        "A `solarize` whose `threshold` is 0 for every value it can take (a literal 0, or a parameter whose "
        "domain is {0}).",
    .why =
        "Solarize inverts the pixels at or above the threshold. At 0 that is every pixel: each image comes out "
        "as its negative, a change of appearance far outside what the data will ever show, applied to every "
        "sample the statement sees. It is almost always a magnitude table read backwards (RandAugment's "
        "solarize goes from 255 at magnitude 0 down to 0).",
    .wrong = "solarize(threshold: 0)",
    .right = "solarize(threshold: 128) @p(0.2)    # or invert() @p(0.1) if a negative is really meant",
    .fix = "Replace the call with `invert()` (only when a full inversion is meant; otherwise raise the threshold).",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
