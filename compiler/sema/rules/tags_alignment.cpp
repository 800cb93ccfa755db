// Rule 8: an op that cannot keep token tags aligned with the tokens (back-translation) cannot run on tagged text.
#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

void tags_alignment(const Context& ctx) {
  if (ctx.fx.tags != TagsEffect::Unalignable) return;
  for (const auto* f : ctx.fields(FieldKind::Tags))
    ctx.report(
        DiagId::CannotAlign,
        [&](Diagnostic& diag) {
          diag.message = message(DiagId::CannotAlign, ctx.op.name, "tags", f->name);
          diag.note(f->span, "the tags are declared here");
        },
        nullptr, "");
}

}  // namespace auger::label_rules
