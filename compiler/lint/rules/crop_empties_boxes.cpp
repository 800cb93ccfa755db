// AUG401: a crop on a sample with boxes with `min_visibility: 0`.
#include <fmt/format.h>

#include "compiler/lint/context.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"
#include "compiler/lint/walk.h"

namespace auger::lint::rules {

namespace {

void check(LintContext& ctx) {
  auto boxes = ctx.policy.sample ? ctx.policy.sample->of_kind(FieldKind::Boxes) : std::vector<const FieldInfo*>{};
  if (boxes.empty()) return;
  for_each_stmt(ctx.policy.body, [&](const ElabStmt& st) {
    if (st.kind != ElabStmt::Kind::Op || st.op->effects.boxes != BoxesEffect::Crop) return;
    const BoundArg* a = given_arg(st, st.op->effects.boxes_param);
    if (!a || !ctx.user_span(st.span) || !always_within(*a->value, -1e300, 0)) return;
    ctx.report(kCropEmptiesBoxes, st.span,
               fmt::format("`{}` may cut away every box of `{}`, and `{}: {}` keeps any sliver of a box "
                           "that is left",
                           st.op->name, boxes.front()->name, a->param->name, ctx.text(a->value_span)))
        .note(a->value_span, "a box with 1% of its area inside the crop keeps its class")
        .fix(a->value_span, "0.3", "keep only boxes with at least 30% of their area inside the crop");
  });
}

}  // namespace

const LintRule kCropEmptiesBoxes{
    .code = "AUG401",
    .name = "crop-empties-boxes",
    .category = "labels",
    .level = Severity::Warning,
    .summary = "a crop on a sample with boxes with min_visibility 0",
    .finds =
        "A crop (`random_resized_crop`, `random_crop`, `center_crop`, `crop`) on a sample with boxes whose "
        "`min_visibility` is 0 for every value it can take.",
    .why =
        "A crop can leave every object outside its window. With `min_visibility: 0` the boxes that are left "
        "are kept however little of them remains: a box a few pixels wide at the border keeps its class, so "
        "the detector is taught to find objects that are not visible, and a sample whose objects were all "
        "cut away trains on background labelled as objects' slivers.",
    .wrong = "random_resized_crop(size: 640, scale: [0.1, 1.0], min_visibility: 0)",
    .right = "random_resized_crop(size: 640, scale: [0.25, 1.0], min_visibility: 0.3)",
    .fix = "Raise `min_visibility` (0.3 is a common choice).",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
