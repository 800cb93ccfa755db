// Rule 7: mixing samples (mixup, cutmix) needs a class label to soften and no dense labels, which cannot be mixed.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void mix_labels(const Context& ctx) {
  const SchemaInfo& sample = ctx.sample;
  if (ctx.fx.klass == ClassEffect::Soften && !sample.has(FieldKind::Class) && !sample.has(FieldKind::Soft))
    ctx.report(
        DiagId::MixNeedsClass,
        [&](Diagnostic& diag) {
          diag.message = message(DiagId::MixNeedsClass, ctx.op.name, sample.name);
          diag.note(sample.name_span, "the sample is declared here");
        },
        nullptr, "");
  Offending fields;
  if (ctx.fx.boxes == BoxesEffect::Unmixable) add_fields(fields, ctx.fields(FieldKind::Boxes), "boxes");
  if (ctx.fx.keypoints == KeypointsEffect::Unmixable) add_fields(fields, ctx.fields(FieldKind::Keypoints), "keypoints");
  if (ctx.fx.mask == MaskEffect::Unmixable) add_fields(fields, ctx.fields(FieldKind::Mask), "mask");
  report_fields(ctx, DiagId::MixWithDenseLabels, fields);
}

}  // namespace auger::label_rules
