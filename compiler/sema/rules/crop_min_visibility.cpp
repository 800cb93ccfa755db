// Rule 4: a crop over boxes must say how much of a box must stay visible for the box to be kept.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void crop_min_visibility(const Context& ctx) {
  require_boxes_param(ctx, BoxesEffect::Crop, DiagId::CropWithoutMinVisibility,
                      fmt::format("`{}: v` drops boxes with less than the fraction v of their area inside the crop",
                                  ctx.fx.boxes_param),
                      false);
}

}  // namespace auger::label_rules
