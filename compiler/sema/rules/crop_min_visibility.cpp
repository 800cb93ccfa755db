// Rule 4: a crop over boxes must say how much of a box must stay visible for the box to be kept.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void crop_min_visibility(const Context& ctx) {
  const auto boxes = ctx.fields(FieldKind::Boxes);
  const std::string& param = ctx.fx.boxes_param;
  if (ctx.fx.boxes != BoxesEffect::Crop || boxes.empty() || ctx.given(param)) return;
  ctx.report(
      DiagId::CropWithoutMinVisibility,
      [&](Diagnostic& diag) {
        diag.message = message(DiagId::CropWithoutMinVisibility, ctx.op.name, boxes[0]->name, param);
        diag.note(boxes[0]->span, fmt::format("the boxes are declared here; `{}: v` drops boxes with less than the "
                                              "fraction v of their area inside the crop",
                                              param));
      },
      nullptr, "");
}

}  // namespace auger::label_rules
