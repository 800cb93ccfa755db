// Rule 6: an occluder (erasing, cutout) may hide boxes: the statement must say what happens to them.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void occlusion_hides_boxes(const Context& ctx) {
  require_boxes_param(ctx, BoxesEffect::Occlude, DiagId::OcclusionHidesBoxes,
                      "covered keypoints get visibility 0, boxes are kept", true);
}

}  // namespace auger::label_rules
