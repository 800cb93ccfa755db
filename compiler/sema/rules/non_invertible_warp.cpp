// Rule 5: a warp with no inverse cannot move boxes or keypoints.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void non_invertible_warp(const Context& ctx) {
  Offending fields;
  if (ctx.fx.boxes == BoxesEffect::Unwarpable) add_fields(fields, ctx.fields(FieldKind::Boxes), "boxes");
  if (ctx.fx.keypoints == KeypointsEffect::Unwarpable)
    add_fields(fields, ctx.fields(FieldKind::Keypoints), "keypoints");
  report_fields(ctx, DiagId::NonInvertibleWarp, fields);
}

}  // namespace auger::label_rules
