#include "compiler/sema/rules/label_rule.h"

namespace auger::label_rules {

const std::vector<Rule>& all() {
  static const std::vector<Rule> rules = {
      geometry_on_tied_field, mirror_labels,         boxes_enclosed, crop_min_visibility,
      non_invertible_warp,    occlusion_hides_boxes, mix_labels,     tags_alignment};
  return rules;
}

bool Context::given(const std::string& param) const {
  const auto* a = st.arg(param);
  return a && (a->explicit_given || (!a->value && a->value_span.valid()));
}

std::string Context::first_enum_value(const std::string& param) const {
  const auto* pi = st.op->param(param);
  if (pi && pi->type.base == BaseType::Enum && pi->type.enumeration && !pi->type.enumeration->values.empty())
    return pi->type.enumeration->values.front();
  return "…";
}

void add_argument_fix(Diagnostic& diag, const ElabStmt& st, const std::string& name, const std::string& value) {
  if (!st.args_span.valid()) return;
  const bool empty = st.args_span.end - st.args_span.begin <= 2;
  const Span at{st.args_span.file, st.args_span.end - 1, st.args_span.end - 1};
  diag.fix(at, fmt::format("{}{}: {}", empty ? "" : ", ", name, value), fmt::format("add `{}: {}`", name, value));
}

void add_fields(Offending& out, const std::vector<const FieldInfo*>& fields, const char* what) {
  for (const auto* f : fields) out.emplace_back(f, what);
}

void report_fields(const Context& ctx, DiagId id, const Offending& fields) {
  if (fields.empty()) return;
  ctx.report(
      id,
      [&](Diagnostic& diag) {
        diag.message = message(id, ctx.op.name, fields[0].second, fields[0].first->name);
        for (std::size_t i = 0; i < fields.size(); ++i)
          diag.note(fields[i].first->span,
                    i == 0 ? std::string("the field is declared here")
                           : fmt::format("{} `{}` cannot be carried either", fields[i].second, fields[i].first->name));
      },
      nullptr, "");
}

void require_boxes_param(const Context& ctx, BoxesEffect effect, DiagId id, const std::string& note, bool fix) {
  const auto boxes = ctx.fields(FieldKind::Boxes);
  const std::string& param = ctx.fx.boxes_param;
  if (ctx.fx.boxes != effect || boxes.empty() || ctx.given(param)) return;
  const BuildDiag fixes = [&](Diagnostic& diag) { add_argument_fix(diag, ctx.st, param, ctx.first_enum_value(param)); };
  ctx.report(
      id,
      [&](Diagnostic& diag) {
        diag.message = message(id, ctx.op.name, boxes[0]->name, param);  // templates use the first two or three
        diag.note(boxes[0]->span, "the boxes are declared here; " + note);
      },
      fix ? fixes : nullptr, fix ? param : "");
}

}  // namespace auger::label_rules
