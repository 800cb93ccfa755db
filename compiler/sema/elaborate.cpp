// Elaboration: policy and transform bodies become ElabStmt trees — calls bound to op parameters,
// transforms inlined at their call sites, `match` resolved, targets chosen, statement sites named.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <set>

#include "compiler/base/limits.h"
#include "compiler/sema/checker.h"
#include "compiler/sema/keyword_arguments.h"

namespace auger {

namespace {

VExprPtr param_node(const ParamInfo& p, int index) {
  auto e = std::make_shared<VExpr>();
  e->kind = VExpr::Kind::Param;
  e->name = p.name;
  e->index = index;
  e->param = &p;
  e->span = p.name_span;
  e->dim = p.type.required_dim();
  e->is_int = p.type.base == BaseType::Int;
  return e;
}

// Transforms are inlined, so nested calls multiply (`t1` calls `t2` twice, `t2` calls `t3` twice, …): a policy
// may elaborate to at most this many statements, or a few lines of input could exhaust memory (found by fuzzing).
constexpr std::size_t kMaxElaborated = 20000;
struct ElabBudget {
  std::size_t used = 0;
  bool exceeded = false;
  bool reported = false;
  bool too_deep_reported = false;  // E0003 for transform calls and statement nesting: once per policy
};

// Where to insert a new argument `name: value` into a call written `op(…)`.
Span insertion_point(Span args_span) {
  return Span{args_span.file, args_span.end - 1, args_span.end - 1};
}

}  // namespace

struct Checker::Elaborator {
  Elaborator(Checker& checker, Module& module, const SchemaInfo* schema, PolicyInfo* owner)
      : c(checker), m(module), sample(schema), policy(owner) {}

  Checker& c;
  Module& m;
  const SchemaInfo* sample = nullptr;  // null while checking a transform on its own
  PolicyInfo* policy = nullptr;
  std::vector<CallFrame> frames;
  std::vector<std::string> transform_stack;
  std::map<std::string, Span> labels;
  ParamRange ranges = param_decl_ranges();
  bool in_transform_instance = false;  // re-elaborating a transform body checked on its own
  std::size_t nesting = 0;             // bodies open, counting each inlined transform body (kMaxStatementDepth)
  std::shared_ptr<ElabBudget> budget = std::make_shared<ElabBudget>();  // shared with nested instances

  DiagEngine& d() { return c.d(); }

  // Where a statement stands: inside a `batch` block, and directly inside a `one_of` (where `@w` is allowed).
  struct Ctx {
    bool batch = false;
    bool one_of = false;
    [[nodiscard]] Ctx plain() const { return {batch, false}; }
  };

  // E0003 to the user's engine (the sink is a scratch one inside a transform instance), once per policy, with
  // a note at the policy's call that starts the chain.
  void report_too_deep(Span at, const char* what, const std::string& limit) {
    if (budget->too_deep_reported) return;
    budget->too_deep_reported = true;
    auto& diag = c.diags.report(DiagId::LimitExceeded, at, what, limit);
    if (!frames.empty())
      diag.note(frames.front().call_span,
                fmt::format("the chain of calls starts here, at `{}`", frames.front().transform));
  }

  std::vector<ElabStmt> body(const std::vector<ast::StmtPtr>& stmts, Env& env, const std::string& prefix, Ctx ctx,
                             bool policy_top) {
    std::vector<ElabStmt> out;
    // Statements nest the elaboration's recursion and the IR's tree; the source alone nests at most
    // limits::kMaxNesting, but every transform call adds its body's depth.
    if (nesting >= limits::kMaxStatementDepth) {
      if (!stmts.empty() && stmts.front())
        report_too_deep(stmts.front()->span, "statements nest too deeply through transform calls",
                        std::to_string(limits::kMaxStatementDepth) + " levels of blocks and transform bodies");
      return out;
    }
    ++nesting;
    struct Leave {
      std::size_t& n;
      ~Leave() { --n; }
    } leave{nesting};
    for (std::size_t i = 0; i < stmts.size(); ++i) {
      if (!stmts[i]) continue;
      if (budget->exceeded || ++budget->used > kMaxElaborated) {
        budget->exceeded = true;
        break;
      }
      const auto& s = *stmts[i];
      if (s.kind == ast::StmtKind::Batch) {
        bool last = i + 1 == stmts.size();
        if (!policy || in_transform_instance || !transform_stack.empty()) {
          if (!in_transform_instance) d().report(DiagId::BatchInTransform, s.keyword_span);
        } else if (!policy_top || ctx.batch) {
          d().report(DiagId::BatchNotLast, s.keyword_span);
        } else if (!last) {
          d().report(DiagId::BatchNotLast, s.keyword_span)
              .note(stmts.back()->span, "the policy's last statement is here");
        }
      }
      std::string site_index = prefix.empty() ? std::to_string(i) : prefix + "." + std::to_string(i);
      if (auto st = stmt(s, env, site_index, prefix, ctx)) out.push_back(std::move(*st));
    }
    return out;
  }

  // `@p(x)` / `@w(x)`: a float expression of constants and parameters, never a random value.
  VExprPtr annotation_value(const ast::Annotation& a, const Env& env, const char* context) {
    Env aenv = env;
    aenv.allow_random = false;
    aenv.context = context;
    auto e = c.check_expr(*a.value, nullptr, aenv);
    Type f;
    f.base = BaseType::Float;
    if (!e || !c.coerce(e, f, "@" + a.name.name, a.value->span)) return nullptr;
    return e;
  }

  void annotations(const ast::Stmt& s, ElabStmt& st, Env& env, Ctx ctx) {
    std::map<std::string, Span> given;  // `@p(0.5) @p(0.3)`: which would win is not left open (E0403)
    for (const auto& a : s.annotations) {
      if (!a.value) continue;
      if (a.name.name == "p" || a.name.name == "w") {
        if (auto [it, fresh] = given.emplace(a.name.name, a.span); !fresh) {
          d().report(DiagId::DuplicateArgument, a.span, "@" + a.name.name).note(it->second, "first given here");
          continue;
        }
      }
      if (a.name.name == "p") {
        auto e = annotation_value(a, env, "a probability `@p`");
        if (!e) continue;
        if (auto r = range_of(*e, ranges)) {
          if (r->lo < -1e-12 || r->hi > 1 + 1e-12) {
            d().report(DiagId::BadProbability, a.value->span, r->to_string(Dim::None));
            continue;
          }
          // The stdlib reproduces published tables verbatim, zero probabilities included.
          if (r->lo == 0 && r->hi == 0 && !m.is_stdlib)
            d().report(DiagId::ProbabilityZero, a.value->span, std::string(c.sources.text(a.value->span)))
                .fix(s.span, "", "remove the statement (it never runs; removing only `@p(0)` would run it always)");
        }
        st.probability = e;
        st.probability_span = a.value->span;
      } else if (a.name.name == "w") {
        if (!ctx.one_of) {
          d().report(DiagId::WeightOutsideOneOf, a.span);
          continue;
        }
        auto e = annotation_value(a, env, "a weight `@w`");
        if (!e) continue;
        // A constant weight must be positive. A weight set by a search parameter may reach 0 at an end of its
        // domain (the search switches the choice off: timm's `switch_prob` in [0, 1]) but must be able to be
        // positive and never negative.
        auto r = range_of(*e, ranges);
        bool constant = r && r->lo == r->hi;
        if (r && (r->lo < 0 || r->hi <= 0 || (constant && r->lo <= 0))) {
          d().report(DiagId::BadWeight, a.value->span, r->to_string(Dim::None));
          continue;
        }
        st.weight = e;
      } else {
        auto& diag = d().report(DiagId::UnknownAnnotation, a.name.span, a.name.name);
        // `@P`, `@prob`, `@probability`, `@weight`: the closest, else the one with the same initial.
        std::string best = closest(a.name.name, {"p", "w"});
        char initial =
            a.name.name.empty() ? '\0' : static_cast<char>(std::tolower(static_cast<unsigned char>(a.name.name[0])));
        if (best.empty() && (initial == 'p' || initial == 'w')) best = std::string(1, initial);
        if (!best.empty()) diag.fix(a.name.span, best, "did you mean `@" + best + "`?");
      }
    }
  }

  std::optional<ElabStmt> stmt(const ast::Stmt& s, Env& env, const std::string& site_index, const std::string& prefix,
                               Ctx ctx) {
    ElabStmt st;
    st.span = s.span;
    st.frames = frames;
    st.args_span = s.args_span;
    if (s.label) {
      st.label = s.label->name;
      if (policy && frames.empty() && !in_transform_instance) {
        if (auto it = labels.find(st.label); it != labels.end()) {
          d().report(DiagId::DuplicateLabel, s.label->span, st.label, policy->name).note(it->second, "first used here");
        } else {
          labels[st.label] = s.label->span;
        }
        st.site = st.label;
      } else {
        st.site = prefix.empty() ? st.label : prefix + "." + st.label;
      }
    } else {
      st.site = site_index;
    }
    annotations(s, st, env, ctx);
    Ctx inner = ctx.plain();
    switch (s.kind) {
      case ast::StmtKind::Call: return call(s, std::move(st), env, ctx);
      case ast::StmtKind::Seq:
        st.kind = ElabStmt::Kind::Seq;
        st.callee_span = s.keyword_span;
        st.children = body(s.body, env, st.site, inner, false);
        return st;
      case ast::StmtKind::Batch:
        st.kind = ElabStmt::Kind::Batch;
        st.callee_span = s.keyword_span;
        st.children = body(s.body, env, st.site, Ctx{true, false}, false);
        return st;
      case ast::StmtKind::OneOf:
        st.kind = ElabStmt::Kind::OneOf;
        st.callee_span = s.keyword_span;
        if (s.body.empty()) d().report(DiagId::EmptyChoice, s.keyword_span, "one_of");
        st.children = body(s.body, env, st.site, Ctx{ctx.batch, true}, false);
        return st;
      case ast::StmtKind::SomeOf: return some_of(s, std::move(st), env, inner);
      case ast::StmtKind::Match: return match(s, std::move(st), env, ctx);
    }
    return std::nullopt;
  }

  std::optional<ElabStmt> some_of(const ast::Stmt& s, ElabStmt st, Env& env, Ctx inner) {
    st.kind = ElabStmt::Kind::SomeOf;
    st.callee_span = s.keyword_span;
    static const auto params = [] {
      std::vector<ParamInfo> ps(3);
      ps[0].name = "n";
      ps[0].type.base = BaseType::Int;
      ps[1].name = "replace";
      ps[1].type.base = BaseType::Bool;
      ps[1].default_value = [] {
        Value v;
        v.kind = Value::Kind::Bool;
        return make_const(v, {});
      }();
      ps[2].name = "order";
      ps[2].type.base = BaseType::Enum;
      auto order = std::make_shared<EnumInfo>();
      order->name = "random | listed";
      order->values = {"random", "listed"};
      ps[2].type.enumeration = order;
      Value r;
      r.kind = Value::Kind::Enum;
      r.text = "random";
      ps[2].default_value = make_const(r, {});
      return ps;
    }();
    std::vector<BoundArg> args = bind("some_of", params, s, env, s.keyword_span, nullptr);
    if (s.body.empty()) d().report(DiagId::EmptyChoice, s.keyword_span, "some_of");
    st.children = body(s.body, env, st.site, inner, false);
    for (auto& a : args) {
      if (!a.param || !a.value) continue;
      if (a.param->name == "n") st.some_n = a.value;
      if (a.param->name == "replace") {
        auto v = fold(*a.value);
        st.replace = v && v->boolean;
      }
      if (a.param->name == "order") {
        auto v = fold(*a.value);
        st.order_random = !v || v->text != "listed";
      }
    }
    if (st.some_n) {
      if (auto r = range_of(*st.some_n, ranges)) {
        if (r->lo < 0)
          d().report(DiagId::OutOfDomain, st.some_n->span, r->to_string(Dim::None), "n", "0..");
        else if (!st.replace && r->hi > static_cast<double>(s.body.size()) && !s.body.empty())
          d().report(DiagId::SomeOfTooMany, st.some_n->span, r->to_string(Dim::None), s.body.size())
              .fix(insertion_point(s.args_span), ", replace: true", "draw with replacement");
      }
    }
    st.args = std::move(args);
    return st;
  }

  std::optional<ElabStmt> match(const ast::Stmt& s, ElabStmt st, Env& env, Ctx ctx) {
    st.kind = ElabStmt::Kind::Match;
    st.callee_span = s.keyword_span;
    auto it = env.params.find(s.scrutinee.name);
    if (it == env.params.end()) {
      std::vector<std::string> names;
      for (const auto& [n, _] : env.params) names.push_back(n);
      auto& diag = d().report(DiagId::UnknownName, s.scrutinee.span, s.scrutinee.name);
      if (auto best = closest(s.scrutinee.name, names); !best.empty())
        diag.fix(s.scrutinee.span, best, "did you mean `" + best + "`?");
      diag.note({}, "`match` chooses on an enum parameter of the enclosing transform or policy");
      return std::nullopt;
    }
    auto pit = env.param_info.find(s.scrutinee.name);
    const ParamInfo* pinfo = pit == env.param_info.end() ? nullptr : pit->second;
    if (!pinfo || pinfo->type.base != BaseType::Enum || !pinfo->type.enumeration) {
      d().report(
          DiagId::TypeMismatch, s.scrutinee.span, "an enum parameter", "match",
          pinfo ? fmt::format("parameter `{}` of type {}", pinfo->name, pinfo->type.name()) : std::string("a value"));
      return std::nullopt;
    }
    const auto& en = *pinfo->type.enumeration;
    std::set<std::string> covered;
    bool wildcard = false;
    std::size_t unknown_arms = 0;           // misspelt arms stand for missing values: no E0313 that only echoes them
    std::map<std::string, Span> first_arm;  // a value (or `_`) given twice: E0203 at the second, noting the first
    for (const auto& arm : s.arms) {
      if (auto [at, fresh] = first_arm.emplace(arm.value.name, arm.value.span);
          !fresh && (arm.value.name == "_" || en.has(arm.value.name))) {
        d().report(DiagId::DuplicateDecl, arm.value.span, arm.value.name).note(at->second, "first arm for it here");
        continue;
      }
      if (arm.value.name == "_") {
        wildcard = true;
      } else if (!en.has(arm.value.name)) {
        ++unknown_arms;
        auto& diag = d().report(DiagId::UnknownEnumValue, arm.value.span, arm.value.name, pinfo->name, en.listing());
        std::vector<std::string> left;
        for (const auto& v : en.values) {
          bool taken = false;
          for (const auto& other : s.arms) taken = taken || other.value.name == v;
          if (!taken) left.push_back(v);
        }
        if (auto best = closest(arm.value.name, left); !best.empty())
          diag.fix(arm.value.span, best, "did you mean `" + best + "`?");
      } else {
        covered.insert(arm.value.name);
      }
    }
    if (!wildcard && covered.size() + unknown_arms < en.values.size()) {
      std::string missing;
      for (const auto& v : en.values) {
        if (!covered.count(v)) missing += (missing.empty() ? "`" : ", `") + v + "`";
      }
      d().report(DiagId::IncompleteMatch, s.keyword_span, missing);
    }
    // A value known here (a constant argument of a transform) picks one arm; otherwise every arm is kept.
    std::optional<std::string> chosen;
    if (auto v = fold(*it->second); v && v->kind == Value::Kind::Enum)
      chosen = v->text;
    else
      st.match_param = it->second->kind == VExpr::Kind::Param ? it->second->name : s.scrutinee.name;
    const ast::MatchArm* fallback = nullptr;
    for (const auto& arm : s.arms) {
      if (arm.value.name == "_" && !fallback) fallback = &arm;
    }
    for (std::size_t i = 0; i < s.arms.size(); ++i) {
      const auto& arm = s.arms[i];
      if (!arm.body) continue;
      bool take = !chosen || arm.value.name == *chosen || (&arm == fallback && !covered.count(*chosen));
      if (!take) continue;
      std::vector<ast::StmtPtr> one;
      auto sub = stmt(*arm.body, env, st.site + "." + (arm.value.name == "_" ? std::to_string(i) : arm.value.name),
                      st.site, ctx.plain());
      if (!sub) continue;
      if (chosen) return sub;
      st.arm_values.push_back(arm.value.name);
      st.children.push_back(std::move(*sub));
    }
    return st;
  }

  // `random_erasing(value: random)` and the like (keyword_arguments.h): moves `index` to the parameter the keyword
  // binds and returns its value, true; null for any other argument, or where `random` names a constant or
  // parameter, or the callee is not the prelude's op.
  VExprPtr keyword_value(const std::string& callee, const std::vector<ParamInfo>& params, const ast::Arg& a,
                         const Env& env, std::size_t& index) {
    if (!a.name || a.value->kind != ast::ExprKind::Name) return nullptr;
    const auto* k = keyword_argument(callee, a.name->name, a.value->text);
    if (!k || env.params.count(a.value->text) || c.lookup(m, a.value->text)) return nullptr;
    const Symbol* sym = c.lookup(m, callee);
    if (!sym || sym->kind != SymbolKind::Op || !c.prelude_op(callee)) return nullptr;
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].name != k->binds || params[i].type.base != BaseType::Bool) continue;
      index = i;
      Value yes;
      yes.kind = Value::Kind::Bool;
      yes.boolean = true;
      return make_const(yes, a.value->span);
    }
    return nullptr;
  }

  // Binds `args` of a call to `params`: positional (first only), named, defaults; checks types and domains.
  // `on_arg` receives the `on:` argument of an op call.
  std::vector<BoundArg> bind(const std::string& callee, const std::vector<ParamInfo>& params, const ast::Stmt& s,
                             Env& env, Span callee_span, const ast::Arg** on_arg) {
    std::vector<BoundArg> out(params.size());
    std::vector<const ast::Arg*> given(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) out[i].param = &params[i];
    std::vector<std::string> names;
    for (const auto& p : params) names.push_back(p.name);
    std::set<std::string> suggested;  // parameters already offered as "did you mean": not reported missing too
    for (std::size_t i = 0; i < s.args.size(); ++i) {
      const auto& a = s.args[i];
      if (!a.value) continue;
      std::size_t index = params.size();
      if (!a.name) {
        if (i != 0) {
          auto& diag = d().report(DiagId::MisplacedPositional, a.span,
                                  "only the first argument may be positional; name the others");
          // Guess the parameter: the first one (the only positional one) when the call names it nowhere,
          // else the one at this position unless it is named elsewhere in the call.
          auto named = [&](const std::string& n) {
            return std::any_of(s.args.begin(), s.args.end(),
                               [&](const ast::Arg& b) { return b.name && b.name->name == n; });
          };
          const ParamInfo* guess = nullptr;
          if (!params.empty() && s.args[0].name && !named(params[0].name)) {
            guess = &params[0];
          } else if (i < params.size() && !named(params[i].name)) {
            guess = &params[i];
          }
          if (guess) suggested.insert(guess->name);  // reported here: not "missing" too
          if (guess)
            diag.fix(Span{a.span.file, a.span.begin, a.span.begin}, guess->name + ": ",
                     fmt::format("name it `{}`", guess->name));
          continue;
        }
        if (params.empty()) {
          d().report(DiagId::MisplacedPositional, a.span, fmt::format("`{}` takes no arguments", callee))
              .fix(a.span, "", "remove the argument");
          continue;
        }
        index = 0;
      } else {
        if (on_arg && a.name->name == "on") {
          *on_arg = &a;
          continue;
        }
        for (std::size_t k = 0; k < params.size(); ++k) {
          if (params[k].name == a.name->name) index = k;
        }
        if (index == params.size()) {
          auto& diag = d().report(DiagId::UnknownArgument, a.name->span, callee, a.name->name);
          if (auto best = closest(a.name->name, names); !best.empty()) {
            diag.fix(a.name->span, best, "did you mean `" + best + "`?");
            suggested.insert(best);
          }
          diag.note({}, names.empty() ? fmt::format("`{}` takes no arguments", callee)
                                      : fmt::format("`{}` takes: {}", callee, fmt::join(names, ", ")));
          continue;
        }
      }
      VExprPtr keyword = keyword_value(callee, params, a, env, index);
      if (given[index]) {
        d().report(DiagId::DuplicateArgument, a.span, params[index].name).note(given[index]->span, "first given here");
        continue;
      }
      given[index] = &a;
      const auto& p = params[index];
      if (keyword) {
        out[index] = {&p, keyword, true, a.span, a.value->span};
        continue;
      }
      if (a.value->kind == ast::ExprKind::Name && env.absent.count(a.value->text)) continue;  // passes `none` on
      Env aenv = env;
      aenv.allow_random = true;
      aenv.context = "an argument";
      aenv.ranges = &ranges;
      auto v = c.check_expr(*a.value, &p.type, aenv);
      out[index].span = a.span;
      out[index].value_span = a.value->span;
      if (!v || (!p.broken && !c.coerce(v, p.type, p.name, a.value->span))) continue;
      if (p.domain && !p.broken) c.check_domain(*v, *p.domain, p.name, aenv);
      out[index].value = v;
      out[index].explicit_given = !(a.value->kind == ast::ExprKind::Name && env.defaulted.count(a.value->text));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (given[i]) continue;
      out[i].span = callee_span;
      if (params[i].default_value) {
        out[i].value = params[i].default_value;
      } else if (!params[i].acknowledges && !params[i].optional && !params[i].broken &&
                 !suggested.count(params[i].name)) {
        auto& diag = d().report(DiagId::MissingArgument, callee_span, callee, params[i].name);
        if (params[i].name_span.valid()) diag.note(params[i].span, "the parameter is declared here");
      }
    }
    return out;
  }

  std::optional<ElabStmt> call(const ast::Stmt& s, ElabStmt st, Env& env, Ctx ctx) {
    st.callee_span = s.callee.span;
    const auto& name = s.callee.name;
    const Symbol* sym = c.lookup(m, name);
    if (!sym) {
      std::vector<std::string> names = c.visible_names(m, SymbolKind::Op);
      for (const auto& n : c.visible_names(m, SymbolKind::Transform)) names.push_back(n);
      auto& diag = d().report(DiagId::UnknownOp, s.callee.span, name);
      if (auto best = closest(name, names); !best.empty())
        diag.fix(s.callee.span, best, "did you mean `" + best + "`?");
      if (m.ast && m.ast->imports.size() > m.imports.size())
        diag.note({}, fmt::format("`{}` may be declared by an import that failed above", name));
      if (auto mod = stdlib_module_declaring(name); !mod.empty())
        diag.note({}, fmt::format("`{}` is declared in `{}`; add `import {}`", name, mod, mod));
      return std::nullopt;
    }
    if (sym->kind == SymbolKind::Op) return op_call(s, std::move(st), env, ctx, *sym->op);
    if (sym->kind == SymbolKind::Transform) return transform_call(s, std::move(st), env, ctx, *sym->transform);
    d().report(DiagId::NotCallable, s.callee.span, name, with_article(sym->kind))
        .note(sym->span, fmt::format("`{}` is declared here", name));
    return std::nullopt;
  }

  void check_groups(const OpInfo& op, const ElabStmt& st, Span at) {
    for (const auto& g : op.groups) {
      std::vector<std::string> given;
      for (const auto& p : g.params) {
        if (const auto* a = st.arg(p); a && a->value) given.push_back("`" + p + "`");
      }
      bool ok = g.rule == ArgGroup::Rule::OneOf   ? given.size() == 1
                : g.rule == ArgGroup::Rule::AnyOf ? !given.empty()
                                                  : given.size() <= 1;
      if (ok) continue;
      const char* how = g.rule == ArgGroup::Rule::OneOf   ? "exactly one"
                        : g.rule == ArgGroup::Rule::AnyOf ? "at least one"
                                                          : "at most one";
      std::string all;
      for (const auto& p : g.params) all += (all.empty() ? "`" : ", `") + p + "`";
      d().report(DiagId::ArgumentGroup, at, op.name, how, all,
                 given.empty() ? std::string("none is given") : fmt::format("given: {}", fmt::join(given, ", ")))
          .note(g.span, "the requirement is declared here");
    }
  }

  std::optional<ElabStmt> op_call(const ast::Stmt& s, ElabStmt st, Env& env, Ctx ctx, const OpInfo& op) {
    st.kind = ElabStmt::Kind::Op;
    st.op = &op;
    const ast::Arg* on = nullptr;
    st.args = bind(op.name, op.params, s, env, s.callee.span, &on);
    check_groups(op, st, s.callee.span);
    // Batch placement depends on where a transform is used, so it is checked on every instance.
    DiagEngine& real = c.diags;
    if (op.batch_level() && !ctx.batch && policy) {
      auto& diag = real.report(DiagId::BatchOpOutsideBatch, s.callee.span, op.name);
      for (const auto& f : frames) diag.note(f.call_span, fmt::format("in `{}`, called here", f.transform));
    } else if (!op.batch_level() && ctx.batch) {
      auto& diag = real.report(DiagId::SampleOpInBatch, s.callee.span, op.name);
      for (const auto& f : frames) diag.note(f.call_span, fmt::format("in `{}`, called here", f.transform));
    }
    if (sample) targets(s, st, op, on);
    return st;
  }

  // The text to delete to remove argument `arg` from `args`, with the comma that separates it.
  static Span removal_span(const std::vector<ast::Arg>& args, const ast::Arg* arg) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (&args[i] != arg) continue;
      if (i > 0) return Span{arg->span.file, args[i - 1].span.end, arg->span.end};
      if (i + 1 < args.size()) return Span{arg->span.file, arg->span.begin, args[i + 1].span.begin};
      return arg->span;
    }
    return {};
  }

  void targets(const ast::Stmt& s, ElabStmt& st, const OpInfo& op, const ast::Arg* on) {
    std::vector<FieldKind> kinds;
    const auto& k = op.input.kind;
    if (k == "image")
      kinds = {FieldKind::Image};
    else if (k == "mask")
      kinds = {FieldKind::Mask};
    else if (k == "audio" || k == "spectrogram")
      kinds = {FieldKind::Audio, FieldKind::Spectrogram};
    else if (k == "text")
      kinds = {FieldKind::Text};
    std::vector<const FieldInfo*> candidates;
    for (const auto& f : sample->fields) {
      if (std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end()) candidates.push_back(&f);
    }
    // After a target error the op still applies to its implicit targets, so later checks (rule 9) see the
    // sample's real fields and report nothing that only echoes the target error.
    auto implicit_targets = [&] {
      st.explicit_target = false;
      st.targets.clear();
      for (const auto* f : candidates) st.targets.push_back(f->name);
    };
    if (on) {
      st.explicit_target = true;
      st.on_removal = removal_span(s.args, on);
      if (!on->value || on->value->kind != ast::ExprKind::Name) {
        d().report(DiagId::BadTarget, on->span, std::string(c.sources.text(on->value ? on->value->span : on->span)),
                   "name a field of the sample");
        implicit_targets();
        return;
      }
      const auto& fname = on->value->text;
      const auto* f = sample->field(fname);
      if (!f) {
        std::vector<std::string> names;
        for (const auto& x : sample->fields) names.push_back(x.name);
        auto& diag = d().report(DiagId::BadTarget, on->value->span, fname,
                                fmt::format("sample `{}` has no such field", sample->name));
        if (auto best = closest(fname, names); !best.empty())
          diag.fix(on->value->span, best, "did you mean `" + best + "`?");
        diag.note(sample->name_span, "the sample is declared here");
        implicit_targets();
        return;
      }
      if (std::find(candidates.begin(), candidates.end(), f) == candidates.end()) {
        d().report(
               DiagId::BadTarget, on->value->span, fname,
               fmt::format("`{}` is {} {} field and `{}` works on {} fields", fname,
                           std::string_view("aeiou").find(field_kind_name(f->kind).front()) == std::string_view::npos
                               ? "a"
                               : "an",
                           field_kind_name(f->kind), op.name, k))
            .note(f->span, "the field is declared here");
        implicit_targets();
        return;
      }
      st.targets = {fname};
      return;
    }
    if (candidates.size() > 1 && !op.effects.geometric() && !op.batch_level()) {
      std::string names;
      for (const auto* f : candidates) names += (names.empty() ? "`" : ", `") + f->name + "`";
      d().report(DiagId::AmbiguousTarget, s.callee.span, op.name, names)
          .fix(insertion_point(s.args_span), (s.args.empty() ? "on: " : ", on: ") + candidates[0]->name,
               fmt::format("apply it to `{}`", candidates[0]->name));
      implicit_targets();
      return;
    }
    for (const auto* f : candidates) st.targets.push_back(f->name);
  }

  // Whether `from` calls `target`, directly or through other transforms; `chain` ends with the path taken.
  bool calls_back(const TransformInfo& from, const TransformInfo& target, std::set<const TransformInfo*>& seen,
                  std::vector<std::string>& chain) {
    if (&from == &target) return true;
    // Bounded like the inlining is: a chain deeper than that fails when a policy calls it (E0003), and a
    // deeper walk would recurse per transform (100,000 chained transforms overflowed the stack).
    if (chain.size() >= limits::kMaxTransformDepth) return false;
    if (!from.ast || !from.module || !seen.insert(&from).second) return false;
    chain.push_back(from.name);
    std::vector<const ast::Stmt*> todo;
    for (const auto& b : from.ast->body)
      if (b) todo.push_back(b.get());
    while (!todo.empty()) {
      const ast::Stmt* s = todo.back();
      todo.pop_back();
      for (const auto& b : s->body)
        if (b) todo.push_back(b.get());
      for (const auto& arm : s->arms)
        if (arm.body) todo.push_back(arm.body.get());
      if (s->kind != ast::StmtKind::Call) continue;
      const Symbol* sym = c.lookup(*from.module, s->callee.name);
      if (sym && sym->kind == SymbolKind::Transform && sym->transform &&
          calls_back(*sym->transform, target, seen, chain))
        return true;
    }
    chain.pop_back();
    return false;
  }

  std::optional<ElabStmt> transform_call(const ast::Stmt& s, ElabStmt st, Env& env, Ctx ctx, const TransformInfo& t) {
    st.kind = ElabStmt::Kind::Seq;
    st.transform = t.name;
    if (std::find(transform_stack.begin(), transform_stack.end(), t.name) != transform_stack.end()) {
      d().report(DiagId::RecursiveTransform, s.callee.span, t.name).note(t.name_span, "the transform is declared here");
      return std::nullopt;
    }
    // Each call inlines the callee's body: a nested elaboration, which must stay bounded.
    if (transform_stack.size() >= limits::kMaxTransformDepth) {
      report_too_deep(s.callee.span, "transform calls nest too deeply",
                      std::to_string(limits::kMaxTransformDepth) + " calls, each in the body of the previous one");
      return std::nullopt;
    }
    auto args = bind(t.name, t.params, s, env, s.callee.span, nullptr);
    st.args = args;
    if (!policy && !sample) {
      // A transform checked on its own: callees are checked on their own, but a call that leads back to the
      // transform being checked (`ping` → `pong` → `ping`) is recursion too.
      const Symbol* root = transform_stack.size() == 1 ? c.lookup(m, transform_stack.front()) : nullptr;
      std::set<const TransformInfo*> seen;
      std::vector<std::string> chain;
      if (root && root->kind == SymbolKind::Transform && root->transform &&
          calls_back(t, *root->transform, seen, chain)) {
        d().report(DiagId::RecursiveTransform, s.callee.span, root->transform->name)
            .note({}, fmt::format("through `{}` → `{}`", fmt::join(chain, "` → `"), root->transform->name))
            .note(root->transform->name_span, "the transform is declared here");
        return std::nullopt;
      }
      return st;
    }
    if (!t.ast || !t.module) return st;
    Env inner;
    inner.module = t.module;
    for (std::size_t i = 0; i < t.params.size(); ++i) {
      inner.param_info[t.params[i].name] = &t.params[i];
      if (args[i].value) inner.params[t.params[i].name] = args[i].value;
      if (!args[i].explicit_given) inner.defaulted.insert(t.params[i].name);
      if (!args[i].value) inner.absent.insert(t.params[i].name);
    }
    frames.push_back({t.name, s.span, s.args_span, &t});
    transform_stack.push_back(t.name);
    // The body was checked on its own: re-elaborate quietly, keeping only what depends on the call.
    DiagEngine scratch;
    DiagEngine* saved = c.sink_;
    bool saved_instance = in_transform_instance;
    c.sink_ = &scratch;
    in_transform_instance = true;
    Module& saved_module = m;
    Elaborator sub{c, *t.module, sample, policy};
    sub.frames = frames;
    sub.transform_stack = transform_stack;
    sub.in_transform_instance = true;
    sub.ranges = ranges;
    sub.budget = budget;
    sub.nesting = nesting;
    st.children = sub.body(t.ast->body, inner, st.site, ctx.plain(), false);
    (void)saved_module;
    c.sink_ = saved;
    in_transform_instance = saved_instance;
    if (budget->exceeded && !budget->reported && !in_transform_instance && policy) {
      budget->reported = true;
      d().report(DiagId::ExpansionTooLarge, s.callee.span, policy->name, kMaxElaborated)
          .note(t.name_span, "each call inlines the transform's body; nested calls multiply");
    }
    transform_stack.pop_back();
    frames.pop_back();
    return st;
  }
};

void Checker::check_transform_body(Module& m, TransformInfo& t) {
  if (!t.ast) return;
  Elaborator el{*this, m, nullptr, nullptr};
  el.transform_stack.push_back(t.name);
  Env env;
  env.module = &m;
  for (std::size_t i = 0; i < t.params.size(); ++i) {
    env.params[t.params[i].name] = param_node(t.params[i], static_cast<int>(i));
    env.param_info[t.params[i].name] = &t.params[i];
  }
  el.body(t.ast->body, env, "", Elaborator::Ctx{}, false);
}

void Checker::elaborate_policy(Module& m, PolicyInfo& p) {
  if (!p.ast) return;
  const Symbol* sym = lookup(m, p.ast->sample.name);
  if (sym && sym->kind == SymbolKind::Sample) {
    p.sample = sym->sample;
  } else if (!p.ast->sample.name.empty()) {
    // Still check the body (names, types, arguments); only the sample-dependent rules need the schema.
    auto& diag = d().report(DiagId::UnknownSample, p.ast->sample.span, p.ast->sample.name);
    if (auto best = closest(p.ast->sample.name, visible_names(m, SymbolKind::Sample)); !best.empty())
      diag.fix(p.ast->sample.span, best, "did you mean `" + best + "`?");
  }
  Elaborator el{*this, m, p.sample, &p};
  Env env;
  env.module = &m;
  for (std::size_t i = 0; i < p.params.size(); ++i) {
    env.params[p.params[i].name] = param_node(p.params[i], static_cast<int>(i));
    env.param_info[p.params[i].name] = &p.params[i];
  }
  p.body = el.body(p.ast->body, env, "", Elaborator::Ctx{}, true);
  if (el.budget->exceeded && !el.budget->reported)
    d().report(DiagId::ExpansionTooLarge, p.name_span, p.name, kMaxElaborated);
  check_invariants(p);
}

}  // namespace auger
