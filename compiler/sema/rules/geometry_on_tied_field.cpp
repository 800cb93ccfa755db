// Rule 1: a geometric op restricted to one image (`on:`) while masks, boxes or keypoints are tied to it: they would
// stop matching the pixels.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void geometry_on_tied_field(const Context& ctx) {
  if (!ctx.fx.geometric() || !ctx.st.explicit_target) return;
  std::vector<const FieldInfo*> tied;
  for (const auto& f : ctx.sample.fields)
    if (f.kind == FieldKind::Mask || f.kind == FieldKind::Boxes || f.kind == FieldKind::Keypoints) tied.push_back(&f);
  if (tied.empty()) return;
  std::string names;
  for (const auto* f : tied) names += (names.empty() ? "`" : ", `") + f->name + "`";
  ctx.report(
      DiagId::GeometryOnTiedField,
      [&](Diagnostic& diag) {
        diag.message =
            message(DiagId::GeometryOnTiedField, ctx.op.name, ctx.st.targets.empty() ? "?" : ctx.st.targets[0], names);
        for (const auto* f : tied) diag.note(f->span, fmt::format("`{}` moves with the image", f->name));
      },
      [&](Diagnostic& diag) {
        if (ctx.st.on_removal.valid())
          diag.fix(ctx.st.on_removal, "", "remove `on:` so that every geometric field moves together");
      },
      "");
}

}  // namespace auger::label_rules
