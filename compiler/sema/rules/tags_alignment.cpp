// Rule 8: an op that cannot keep token tags aligned with the tokens (back-translation) cannot run on tagged text;
// one that inserts tokens tags them with its `tag` argument, which, when it is a class id, must be one of every
// `tags(N)[]` field's (docs/text.md: an id 99 in `tags(9)[]` is no class).
#include <charconv>

#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

namespace {

// The whole number a constant `tag` argument spells ("99"), if it is one; a tag name ("O", "B-PER") is not.
std::optional<long long> constant_class_id(const ElabStmt& st) {
  const BoundArg* a = st.arg("tag");
  if (!a || !a->value || a->value->kind != VExpr::Kind::Const || a->value->value.kind != Value::Kind::String)
    return std::nullopt;
  const std::string& text = a->value->value.text;
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

void inserted_tag_in_range(const Context& ctx) {
  const auto id = constant_class_id(ctx.st);
  if (!id) return;
  for (const auto* f : ctx.fields(FieldKind::Tags)) {
    if (f->classes <= 0 || (*id >= 0 && *id < f->classes)) continue;
    ctx.report(
        DiagId::OutOfDomain,
        [&](Diagnostic& diag) {
          diag.message = message(
              DiagId::OutOfDomain, fmt::format("\"{}\"", *id), "tag",
              fmt::format("a tag name or a class id in 0..{} (`{}: tags({})[]`)", f->classes - 1, f->name, f->classes));
          diag.note(f->span, "the tags are declared here");
        },
        nullptr, "");
    return;
  }
}

}  // namespace

void tags_alignment(const Context& ctx) {
  if (ctx.fx.tags == TagsEffect::Align) inserted_tag_in_range(ctx);
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
