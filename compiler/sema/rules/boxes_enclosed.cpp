// Rule 3: a warp that encloses boxes (the box around the warped box is larger than the object it held) must say
// how, through its boxes parameter.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void boxes_enclosed(const Context& ctx) {
  const auto boxes = ctx.fields(FieldKind::Boxes);
  const std::string& param = ctx.fx.boxes_param;
  if (ctx.fx.boxes != BoxesEffect::Enclose || boxes.empty() || ctx.given(param)) return;
  ctx.report(
      DiagId::BoxesEnclosed,
      [&](Diagnostic& diag) {
        diag.message = message(DiagId::BoxesEnclosed, ctx.op.name, boxes[0]->name);
        diag.note(boxes[0]->span, "the boxes are declared here; an enclosing box is larger than the object it held");
      },
      [&](Diagnostic& diag) { add_argument_fix(diag, ctx.st, param, ctx.first_enum_value(param)); }, param);
}

}  // namespace auger::label_rules
