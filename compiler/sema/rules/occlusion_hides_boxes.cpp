// Rule 6: an occluder (erasing, cutout) may hide boxes: the statement must say what happens to them.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void occlusion_hides_boxes(const Context& ctx) {
  const auto boxes = ctx.fields(FieldKind::Boxes);
  const std::string& param = ctx.fx.boxes_param;
  if (ctx.fx.boxes != BoxesEffect::Occlude || boxes.empty() || ctx.given(param)) return;
  ctx.report(
      DiagId::OcclusionHidesBoxes,
      [&](Diagnostic& diag) {
        diag.message = message(DiagId::OcclusionHidesBoxes, ctx.op.name, boxes[0]->name);
        diag.note(boxes[0]->span, "the boxes are declared here; covered keypoints get visibility 0, boxes are kept");
      },
      [&](Diagnostic& diag) { add_argument_fix(diag, ctx.st, param, ctx.first_enum_value(param)); }, param);
}

}  // namespace auger::label_rules
