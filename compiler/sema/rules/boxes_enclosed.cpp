// Rule 3: a warp that encloses boxes (the box around the warped box is larger than the object it held) must say
// how, through its boxes parameter.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void boxes_enclosed(const Context& ctx) {
  require_boxes_param(ctx, BoxesEffect::Enclose, DiagId::BoxesEnclosed,
                      "an enclosing box is larger than the object it held", true);
}

}  // namespace auger::label_rules
