#include "compiler/format/ast_equal.h"

#include <string_view>

namespace auger::format {

namespace {

// Each `same` returns false and records where, at the first difference.
class Compare {
 public:
  std::string where;

  bool file(const ast::File& a, const ast::File& b) {
    return all(a.imports, b.imports, "import", &Compare::import) &&
           all(a.consts, b.consts, "const", &Compare::constant) &&
           all(a.enums, b.enums, "enum", &Compare::enumeration) &&
           all(a.samples, b.samples, "sample", &Compare::sample) &&
           all(a.policies, b.policies, "policy", &Compare::policy) &&
           all(a.transforms, b.transforms, "transform", &Compare::transform) && all(a.ops, b.ops, "op", &Compare::op) &&
           all(a.comments, b.comments, "comment", &Compare::comment);
  }

 private:
  bool fail(std::string_view what) {
    if (where.empty()) where = std::string(what);
    return false;
  }

  template <typename T>
  bool all(const std::vector<T>& a, const std::vector<T>& b, std::string_view what,
           bool (Compare::*same)(const T&, const T&)) {
    if (a.size() != b.size()) return fail(std::string(what) + " count");
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(this->*same)(a[i], b[i])) return fail(std::string(what) + " " + std::to_string(i + 1));
    return true;
  }

  bool ident(const ast::Ident& a, const ast::Ident& b) { return a.name == b.name || fail("name `" + a.name + "`"); }
  bool idents(const std::vector<ast::Ident>& a, const std::vector<ast::Ident>& b) {
    return all(a, b, "name", &Compare::ident);
  }
  bool opt_ident(const std::optional<ast::Ident>& a, const std::optional<ast::Ident>& b) {
    if (a.has_value() != b.has_value()) return fail("label or name");
    return !a || ident(*a, *b);
  }

  bool expr_ptr(const ast::ExprPtr& a, const ast::ExprPtr& b) {
    if (!a || !b) return (!a && !b) || fail("expression");
    return expr(*a, *b);
  }
  bool expr(const ast::Expr& a, const ast::Expr& b) {
    if (a.kind != b.kind || a.is_integer != b.is_integer || a.unit != b.unit || a.text != b.text ||
        a.bool_value != b.bool_value || a.op != b.op)
      return fail("expression `" + a.text + "`");
    if (a.kind == ast::ExprKind::Number && a.number != b.number) return fail("number " + a.text);
    return all(a.items, b.items, "item", &Compare::expr_ptr) && ident(a.callee, b.callee) &&
           all(a.args, b.args, "argument", &Compare::arg);
  }
  bool arg(const ast::Arg& a, const ast::Arg& b) { return opt_ident(a.name, b.name) && expr_ptr(a.value, b.value); }

  bool domain(const ast::Domain& a, const ast::Domain& b) {
    return (a.kind == b.kind || fail("domain")) && all(a.items, b.items, "bound", &Compare::expr_ptr);
  }
  bool type_ref(const ast::TypeRef& a, const ast::TypeRef& b) {
    if (a.kind != b.kind || !!a.element != !!b.element) return fail("type");
    if (a.element && !type_ref(*a.element, *b.element)) return false;
    return ident(a.name, b.name) && idents(a.enum_values, b.enum_values);
  }
  bool param(const ast::Param& a, const ast::Param& b) {
    if (a.domain.has_value() != b.domain.has_value()) return fail("domain");
    return ident(a.name, b.name) && type_ref(a.type, b.type) && (!a.domain || domain(*a.domain, *b.domain)) &&
           expr_ptr(a.default_value, b.default_value);
  }
  bool params(const std::vector<ast::Param>& a, const std::vector<ast::Param>& b) {
    return all(a, b, "parameter", &Compare::param);
  }

  bool annotation(const ast::Annotation& a, const ast::Annotation& b) {
    return ident(a.name, b.name) && expr_ptr(a.value, b.value);
  }
  bool arm(const ast::MatchArm& a, const ast::MatchArm& b) {
    return ident(a.value, b.value) && stmt_ptr(a.body, b.body);
  }
  bool stmt_ptr(const ast::StmtPtr& a, const ast::StmtPtr& b) {
    if (!a || !b) return (!a && !b) || fail("statement");
    const ast::Stmt& x = *a;
    const ast::Stmt& y = *b;
    return (x.kind == y.kind || fail("statement kind")) && opt_ident(x.label, y.label) && ident(x.callee, y.callee) &&
           all(x.args, y.args, "argument", &Compare::arg) && stmts(x.body, y.body) && ident(x.scrutinee, y.scrutinee) &&
           all(x.arms, y.arms, "arm", &Compare::arm) &&
           all(x.annotations, y.annotations, "annotation", &Compare::annotation);
  }
  bool stmts(const std::vector<ast::StmtPtr>& a, const std::vector<ast::StmtPtr>& b) {
    return all(a, b, "statement", &Compare::stmt_ptr);
  }

  bool import(const ast::Import& a, const ast::Import& b) {
    return (a.is_path == b.is_path && a.target == b.target) || fail("import " + a.target);
  }
  bool constant(const ast::Const& a, const ast::Const& b) {
    return ident(a.name, b.name) && expr_ptr(a.value, b.value);
  }
  bool enumeration(const ast::EnumDecl& a, const ast::EnumDecl& b) {
    return ident(a.name, b.name) && idents(a.values, b.values);
  }
  bool field(const ast::Field& a, const ast::Field& b) {
    const ast::FieldType& x = a.type;
    const ast::FieldType& y = b.type;
    return ident(a.name, b.name) && ident(x.kind, y.kind) &&
           ((x.has_args == y.has_args && x.optional == y.optional && x.list_depth == y.list_depth) ||
            fail("field type")) &&
           all(x.args, y.args, "argument", &Compare::arg);
  }
  bool sample(const ast::Sample& a, const ast::Sample& b) {
    return ident(a.name, b.name) && all(a.fields, b.fields, "field", &Compare::field);
  }
  bool policy(const ast::Policy& a, const ast::Policy& b) {
    return ident(a.name, b.name) && ident(a.sample, b.sample) &&
           (a.deterministic == b.deterministic || fail("deterministic")) && params(a.params, b.params) &&
           stmts(a.body, b.body);
  }
  bool transform(const ast::Transform& a, const ast::Transform& b) {
    return ident(a.name, b.name) && params(a.params, b.params) && stmts(a.body, b.body);
  }
  bool kind_pattern(const ast::KindPattern& a, const ast::KindPattern& b) {
    return ident(a.kind, b.kind) && all(a.args, b.args, "argument", &Compare::arg);
  }
  bool requirement(const ast::Requirement& a, const ast::Requirement& b) {
    return ident(a.rule, b.rule) && idents(a.params, b.params);
  }
  bool effect(const ast::EffectEntry& a, const ast::EffectEntry& b) {
    return ident(a.key, b.key) && ident(a.value, b.value) && opt_ident(a.param, b.param);
  }
  bool cost(const ast::CostEntry& a, const ast::CostEntry& b) {
    return ident(a.key, b.key) && expr_ptr(a.value, b.value);
  }
  bool op(const ast::OpDecl& a, const ast::OpDecl& b) {
    return ident(a.name, b.name) && params(a.params, b.params) && kind_pattern(a.input, b.input) &&
           kind_pattern(a.output, b.output) &&
           all(a.requirements, b.requirements, "requirement", &Compare::requirement) &&
           all(a.effects, b.effects, "effect", &Compare::effect) && all(a.cost, b.cost, "cost", &Compare::cost) &&
           (a.doc == b.doc || fail("doc"));
  }
  bool comment(const ast::Comment& a, const ast::Comment& b) {
    auto trimmed = [](std::string_view s) {
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\f' || s.back() == '\v'))
        s.remove_suffix(1);
      return s;
    };
    return trimmed(a.text) == trimmed(b.text) || fail("comment `#" + a.text + "`");
  }
};

}  // namespace

std::string ast_difference(const ast::File& a, const ast::File& b) {
  Compare c;
  if (c.file(a, b)) return {};
  return c.where.empty() ? "the files differ" : c.where;
}

}  // namespace auger::format
