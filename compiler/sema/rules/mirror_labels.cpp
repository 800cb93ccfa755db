// Rule 2: mirrors need flip pairs for keypoints and a caption mode for text. Both flips count: `vflip`
// (`geometry: flip`, keypoints only transformed) reverses handedness too, so the keypoints must say which of them
// are left/right pairs (`flip: []` when none are).
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

namespace {

void keypoint_pairs(const Context& ctx) {
  if (ctx.fx.keypoints != KeypointsEffect::Mirror) return;
  for (const auto* k : ctx.fields(FieldKind::Keypoints)) {
    if (k->has_flip) continue;
    ctx.report(
        DiagId::MirrorWithoutFlipPairs,
        [&](Diagnostic& diag) {
          diag.message = message(DiagId::MirrorWithoutFlipPairs, ctx.op.name, k->name);
          diag.note(k->type_span,
                    "the keypoints are declared here; list their left/right pairs with `flip: [(i, j), …]` "
                    "(or `flip: []` when none swap)");
        },
        nullptr, "");
  }
}

void caption_mode(const Context& ctx) {
  const auto texts = ctx.fields(FieldKind::Text);
  const std::string& param = ctx.fx.text_param;
  if (ctx.fx.text != TextEffect::Swap || texts.empty() || ctx.given(param)) return;
  const std::string value = ctx.first_enum_value(param);
  ctx.report(
      DiagId::MirrorCaptionMode,
      [&](Diagnostic& diag) {
        diag.message = message(DiagId::MirrorCaptionMode, ctx.op.name, texts[0]->name, param, value);
        diag.note(texts[0]->span, "the caption is declared here");
      },
      [&](Diagnostic& diag) { add_argument_fix(diag, ctx.st, param, value); }, "");
}

}  // namespace

void mirror_labels(const Context& ctx) {
  keypoint_pairs(ctx);
  caption_mode(ctx);
}

}  // namespace auger::label_rules
