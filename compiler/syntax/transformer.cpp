#include "compiler/syntax/transformer.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "AugParser.h"
#include "antlr4-runtime.h"
#include "compiler/base/limits.h"

namespace auger::syntax {

namespace {

using antlr4::tree::TerminalNode;
using auger_gen::AugParser;

// Deeper expressions than this are refused, so that no later recursion over the AST runs deep; a chain
// `1 + 1 + …` is as deep as it is long.
using limits::kMaxExprDepth;

// 1 + the depth of the deepest sub-expression: the children are built (and measured) first.
void set_depth(ast::Expr& e) {
  std::uint32_t below = 0;
  for (const auto& item : e.items) below = std::max(below, item ? item->depth : 0U);
  for (const auto& arg : e.args) below = std::max(below, arg.value ? arg.value->depth : 0U);
  e.depth = below + 1;
}

class Transformer {
 public:
  Transformer(const SourceText& source, DiagEngine& diags) : source_(source), diags_(diags) {}

  std::unique_ptr<ast::File> file(AugParser::FileContext* ctx) {
    auto out = std::make_unique<ast::File>();
    out->file = source_.file();
    if (!ctx) return out;
    for (auto* decl : ctx->topDecl()) {
      if (!decl) continue;
      if (auto* c = decl->importDecl())
        out->imports.push_back(import_decl(c));
      else if (auto* c = decl->constDecl())
        out->consts.push_back(const_decl(c));
      else if (auto* c = decl->enumDecl())
        out->enums.push_back(enum_decl(c));
      else if (auto* c = decl->sampleDecl())
        out->samples.push_back(sample_decl(c));
      else if (auto* c = decl->policyDecl())
        out->policies.push_back(policy_decl(c));
      else if (auto* c = decl->transformDecl())
        out->transforms.push_back(transform_decl(c));
      else if (auto* c = decl->opDecl())
        out->ops.push_back(op_decl(c));
    }
    return out;
  }

 private:
  // ---- spans and tokens ---------------------------------------------------------------------------

  static bool conjured(const antlr4::Token* t) { return !t || t->getStartIndex() == INVALID_INDEX; }
  // A token that is really in the file (error recovery conjures missing ones).
  static bool real(TerminalNode* node) { return node && !conjured(node->getSymbol()); }

  Span span(const antlr4::Token* t) const {
    if (conjured(t)) return source_.empty_span_at(0);
    return source_.span(t->getStartIndex(), t->getStopIndex());
  }
  Span span(TerminalNode* node) const { return node ? span(node->getSymbol()) : source_.empty_span_at(0); }
  Span span(antlr4::ParserRuleContext* ctx) const {
    if (!ctx || conjured(ctx->getStart())) return source_.empty_span_at(0);
    antlr4::Token* start = ctx->getStart();
    antlr4::Token* stop = ctx->getStop();
    if (conjured(stop) || stop->getTokenIndex() < start->getTokenIndex() || stop->getType() == antlr4::Token::EOF)
      return source_.empty_span_at(start->getStartIndex());
    return source_.span(start->getStartIndex(), stop->getStopIndex());
  }
  // Where something missing would have been: the end of what was read.
  Span end_of(antlr4::ParserRuleContext* ctx) const {
    Span s = span(ctx);
    return {s.file, s.end, s.end};
  }
  std::string text(const antlr4::Token* t) const { return std::string(source_.text(span(t))); }

  // ---- names ----------------------------------------------------------------------------------------

  // `ident` and `kindName` are both a single name token.
  ast::Ident ident(antlr4::ParserRuleContext* ctx, Span missing_at) const {
    if (!ctx || conjured(ctx->getStart()) || ctx->children.empty()) return {"", missing_at};
    auto* leaf = dynamic_cast<TerminalNode*>(ctx->children.front());
    if (!real(leaf) || leaf->getSymbol()->getType() == antlr4::Token::EOF) return {"", missing_at};
    return {text(leaf->getSymbol()), span(leaf)};
  }

  // ---- declarations ---------------------------------------------------------------------------------

  ast::Import import_decl(AugParser::ImportDeclContext* ctx) {
    ast::Import out;
    out.span = span(ctx);
    if (auto* d = ctx->dotted()) {
      for (auto* part : d->ident()) {
        if (!out.target.empty()) out.target += '.';
        out.target += ident(part, end_of(d)).name;
      }
      out.target_span = span(d);
    } else if (auto* s = ctx->string()) {
      out.is_path = true;
      out.target = string_value(s);
      out.target_span = span(s);
    } else {
      out.target_span = end_of(ctx);
    }
    return out;
  }

  ast::Const const_decl(AugParser::ConstDeclContext* ctx) {
    ast::Const out;
    out.span = span(ctx);
    out.name = ident(ctx->ident(), end_of(ctx));
    out.value = expr(ctx->expr(), end_of(ctx));
    // `const` with its `=` conjured by error recovery (`const\nsample\npolicy`): the syntax error is the one
    // diagnostic; checking the guessed value would only add a cascade (`unknown name policy`).
    if (repaired(ctx)) out.value = missing(end_of(ctx));
    return out;
  }

  ast::EnumDecl enum_decl(AugParser::EnumDeclContext* ctx) {
    ast::EnumDecl out;
    out.span = span(ctx);
    auto names = ctx->ident();
    for (std::size_t i = 0; i < names.size(); ++i) {
      ast::Ident id = ident(names[i], end_of(ctx));
      if (i == 0)
        out.name = std::move(id);
      else if (!id.name.empty())
        out.values.push_back(std::move(id));
    }
    if (names.empty()) out.name = {"", end_of(ctx)};
    return out;
  }

  ast::Sample sample_decl(AugParser::SampleDeclContext* ctx) {
    ast::Sample out;
    out.span = span(ctx);
    out.name = ident(ctx->ident(), end_of(ctx));
    for (auto* f : ctx->field()) {
      if (!f) continue;
      ast::Field field;
      field.span = span(f);
      field.name = ident(f->ident(), end_of(f));
      field.type = field_type(f->fieldType(), end_of(f));
      out.fields.push_back(std::move(field));
    }
    return out;
  }

  ast::FieldType field_type(AugParser::FieldTypeContext* ctx, Span missing_at) {
    ast::FieldType out;
    if (!ctx) {
      out.kind = {"", missing_at};
      out.span = missing_at;
      return out;
    }
    out.span = span(ctx);
    out.kind = ident(ctx->ident(), end_of(ctx));
    out.has_args = real(ctx->LPAREN());
    if (out.has_args) out.args = args(ctx->args());
    for (auto* q : ctx->QUESTION())
      if (real(q)) out.optional = true;
    for (auto* b : ctx->LBRACK())
      if (real(b)) ++out.list_depth;
    return out;
  }

  ast::Policy policy_decl(AugParser::PolicyDeclContext* ctx) {
    ast::Policy out;
    out.span = span(ctx);
    // The name comes before `on`, the sample after; either may be missing after an error.
    TerminalNode* on = ctx->KW_ON();
    std::size_t on_index = real(on) ? on->getSymbol()->getTokenIndex() : INVALID_INDEX;
    bool have_name = false;
    bool have_sample = false;
    for (auto* id : ctx->ident()) {
      if (!id || conjured(id->getStart())) continue;
      bool before_on = id->getStart()->getTokenIndex() < on_index;
      if (before_on && !have_name) {
        out.name = ident(id, end_of(ctx));
        have_name = true;
      } else if (!before_on && !have_sample) {
        out.sample = ident(id, end_of(ctx));
        have_sample = true;
      }
    }
    if (!have_name) out.name = {"", span(ctx->KW_POLICY())};
    if (!have_sample) out.sample = {"", real(on) ? span(on) : end_of(ctx)};
    out.params = params(ctx->params());
    Span header = span(ctx->KW_POLICY());
    header = header.to(out.name.span);
    if (ctx->params()) header = header.to(span(ctx->params()));
    if (real(on)) header = header.to(span(on));
    if (have_sample) header = header.to(out.sample.span);
    if (TerminalNode* det = ctx->KW_DETERMINISTIC(); real(det)) {
      out.deterministic = true;
      out.deterministic_span = span(det);
      header = header.to(out.deterministic_span);
    }
    out.header_span = header;
    out.body = block(ctx->block());
    return out;
  }

  ast::Transform transform_decl(AugParser::TransformDeclContext* ctx) {
    ast::Transform out;
    out.span = span(ctx);
    out.name = ident(ctx->ident(), end_of(ctx));
    out.params = params(ctx->params());
    Span header = span(ctx->KW_TRANSFORM()).to(out.name.span);
    if (ctx->params()) header = header.to(span(ctx->params()));
    out.header_span = header;
    out.body = block(ctx->block());
    return out;
  }

  ast::OpDecl op_decl(AugParser::OpDeclContext* ctx) {
    ast::OpDecl out;
    out.span = span(ctx);
    out.name = ident(ctx->ident(), end_of(ctx));
    out.params = params(ctx->params());
    Span header = span(ctx->KW_OP()).to(out.name.span);
    if (ctx->params()) header = header.to(span(ctx->params()));
    auto kinds = ctx->kindPattern();
    if (!kinds.empty()) out.input = kind_pattern(kinds[0]);
    if (kinds.size() > 1) out.output = kind_pattern(kinds[1]);
    for (auto* k : kinds) header = header.to(span(k));
    out.header_span = header;
    if (auto* r = ctx->requiresClause()) {
      for (auto* entry : r->requireEntry()) {
        if (!entry) continue;
        auto names = entry->ident();
        ast::Requirement req;
        req.span = span(entry);
        req.rule = ident(names.empty() ? nullptr : names[0], end_of(entry));
        for (std::size_t i = 1; i < names.size(); ++i) req.params.push_back(ident(names[i], end_of(entry)));
        out.requirements.push_back(std::move(req));
      }
    }
    if (auto* e = ctx->effectsClause()) {
      for (auto* entry : e->effectEntry()) {
        if (!entry) continue;
        auto names = entry->ident();
        ast::EffectEntry effect;
        effect.span = span(entry);
        effect.key = ident(names.empty() ? nullptr : names[0], end_of(entry));
        effect.value = ident(names.size() > 1 ? names[1] : nullptr, end_of(entry));
        if (names.size() > 2 && real(entry->LPAREN())) effect.param = ident(names[2], end_of(entry));
        out.effects.push_back(std::move(effect));
      }
    }
    if (auto* c = ctx->costClause()) {
      for (auto* entry : c->costEntry()) {
        if (!entry) continue;
        ast::CostEntry cost;
        cost.span = span(entry);
        cost.key = ident(entry->ident(), end_of(entry));
        cost.value = expr(entry->expr(), end_of(entry));
        out.cost.push_back(std::move(cost));
      }
    }
    if (auto* d = ctx->docClause(); d && d->string()) {
      out.doc = string_value(d->string());
      out.doc_span = span(d->string());
    }
    return out;
  }

  ast::KindPattern kind_pattern(AugParser::KindPatternContext* ctx) {
    ast::KindPattern out;
    if (!ctx) return out;
    out.span = span(ctx);
    out.kind = ident(ctx->kindName(), end_of(ctx));
    if (real(ctx->LPAREN())) out.args = args(ctx->args());
    return out;
  }

  // ---- parameters, types, domains -------------------------------------------------------------------

  std::vector<ast::Param> params(AugParser::ParamsContext* ctx) {
    std::vector<ast::Param> out;
    if (!ctx) return out;
    for (auto* p : ctx->param()) {
      if (!p || conjured(p->getStart())) continue;
      ast::Param param;
      param.span = span(p);
      param.name = ident(p->ident(), end_of(p));
      param.type = type_ref(p->typeRef(), end_of(p));
      if (real(p->KW_IN()) && p->domain()) param.domain = domain(p->domain());
      if (real(p->ASSIGN())) param.default_value = expr(p->expr(), end_of(p));
      out.push_back(std::move(param));
    }
    return out;
  }

  ast::TypeRef type_ref(AugParser::TypeRefContext* ctx, Span missing_at) {
    ast::TypeRef out;
    if (!ctx) {
      out.name = {"", missing_at};
      out.span = missing_at;
      return out;
    }
    out.span = span(ctx);
    if (real(ctx->LBRACK())) {
      out.kind = ast::TypeRef::Kind::List;
      out.element = std::make_unique<ast::TypeRef>(type_ref(ctx->typeRef(), end_of(ctx)));
      return out;
    }
    auto names = ctx->ident();
    if (names.size() <= 1) {
      out.name = ident(names.empty() ? nullptr : names[0], end_of(ctx));
      return out;
    }
    out.kind = ast::TypeRef::Kind::InlineEnum;
    for (auto* n : names) {
      ast::Ident id = ident(n, end_of(ctx));
      if (!id.name.empty()) out.enum_values.push_back(std::move(id));
    }
    return out;
  }

  ast::Domain domain(AugParser::DomainContext* ctx) {
    ast::Domain out;
    out.span = span(ctx);
    if (real(ctx->DOTDOT()))
      out.kind = ast::DomainKind::IntRange;
    else if (real(ctx->LBRACE()))
      out.kind = ast::DomainKind::Set;
    else
      out.kind = ast::DomainKind::Interval;
    for (auto* e : ctx->expr()) out.items.push_back(expr(e, end_of(ctx)));
    // A range and an interval always have two ends, even when one is missing.
    while (out.kind != ast::DomainKind::Set && out.items.size() < 2) out.items.push_back(missing(end_of(ctx)));
    return out;
  }

  // ---- statements -----------------------------------------------------------------------------------

  std::vector<ast::StmtPtr> block(AugParser::BlockContext* ctx) {
    std::vector<ast::StmtPtr> out;
    if (!ctx) return out;
    for (auto* s : ctx->stmt())
      if (auto st = stmt(s)) out.push_back(std::move(st));
    return out;
  }

  // True when error recovery repaired the statement (a conjured or skipped token, a failed rule) outside its
  // nested blocks: its syntax error is its one diagnostic, so it is left out rather than checked as repaired.
  static bool repaired(antlr4::ParserRuleContext* root) {
    std::vector<antlr4::tree::ParseTree*> todo = {root};
    while (!todo.empty()) {
      antlr4::tree::ParseTree* node = todo.back();
      todo.pop_back();
      if (dynamic_cast<antlr4::tree::ErrorNode*>(node)) return true;
      auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(node);
      if (!rule) continue;
      if (rule->exception) return true;
      if (rule != root && dynamic_cast<AugParser::BlockContext*>(rule)) continue;  // judged statement by statement
      for (auto* child : rule->children) todo.push_back(child);
    }
    return false;
  }

  // Null when not even the statement's form could be read, or when recovery had to repair it.
  ast::StmtPtr stmt(AugParser::StmtContext* ctx) {
    if (!ctx) return nullptr;
    auto* core = ctx->core();
    if (!core || conjured(core->getStart())) return nullptr;
    if (repaired(ctx)) return nullptr;
    auto out = std::make_unique<ast::Stmt>();
    out->span = span(ctx);
    if (real(ctx->COLON()) && ctx->ident()) out->label = ident(ctx->ident(), span(ctx->COLON()));
    if (auto* call = core->call()) {
      out->kind = ast::StmtKind::Call;
      out->callee = ident(call->ident(), end_of(call));
      out->args = args(call->args());
      out->args_span = parens_span(call->LPAREN(), call->RPAREN(), call);
    } else if (real(core->KW_ONE_OF())) {
      out->kind = ast::StmtKind::OneOf;
      keyword_block(*out, core->KW_ONE_OF(), core->block());
    } else if (real(core->KW_SOME_OF())) {
      out->kind = ast::StmtKind::SomeOf;
      out->args = args(core->args());
      out->args_span = parens_span(core->LPAREN(), core->RPAREN(), core);
      keyword_block(*out, core->KW_SOME_OF(), core->block());
    } else if (real(core->KW_SEQ())) {
      out->kind = ast::StmtKind::Seq;
      keyword_block(*out, core->KW_SEQ(), core->block());
    } else if (real(core->KW_BATCH())) {
      out->kind = ast::StmtKind::Batch;
      keyword_block(*out, core->KW_BATCH(), core->block());
    } else if (real(core->KW_MATCH())) {
      out->kind = ast::StmtKind::Match;
      out->keyword_span = span(core->KW_MATCH());
      out->scrutinee = ident(core->ident(), end_of(core));
      for (auto* arm : core->matchArm()) {
        if (!arm) continue;
        ast::StmtPtr body = stmt(arm->stmt());
        if (!body) continue;
        ast::MatchArm m;
        m.span = span(arm);
        m.value = ident(arm->ident(), span(arm));
        m.body = std::move(body);
        out->arms.push_back(std::move(m));
      }
    } else {
      return nullptr;
    }
    for (auto* a : ctx->annotation()) {
      if (!a || !real(a->AT())) continue;
      ast::Annotation note;
      note.span = span(a);
      note.name = ident(a->ident(), end_of(a));
      note.value = expr(a->expr(), end_of(a));
      out->annotations.push_back(std::move(note));
    }
    return out;
  }

  void keyword_block(ast::Stmt& out, TerminalNode* keyword, AugParser::BlockContext* body) {
    out.keyword_span = span(keyword);
    out.body = block(body);
  }

  // `(…)`, or up to the end of what was read when `)` is missing.
  Span parens_span(TerminalNode* open, TerminalNode* close, antlr4::ParserRuleContext* owner) const {
    if (!real(open)) return end_of(owner);
    Span s = span(open);
    return real(close) ? s.to(span(close)) : s.to(end_of(owner));
  }

  std::vector<ast::Arg> args(AugParser::ArgsContext* ctx) {
    std::vector<ast::Arg> out;
    if (!ctx) return out;
    for (auto* a : ctx->arg()) {
      if (!a || conjured(a->getStart())) continue;
      ast::Arg arg;
      arg.span = span(a);
      if (real(a->COLON()) && a->ident()) arg.name = ident(a->ident(), span(a->COLON()));
      arg.value = expr(a->expr(), end_of(a));
      out.push_back(std::move(arg));
    }
    return out;
  }

  // ---- expressions ----------------------------------------------------------------------------------

  static ast::ExprPtr missing(Span at) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::ExprKind::Name;
    e->span = at;
    return e;
  }

  // Never null: a missing or unreadable expression becomes an empty Name.
  ast::ExprPtr expr(AugParser::ExprContext* ctx, Span missing_at) {
    if (!ctx || conjured(ctx->getStart())) return missing(missing_at);
    // `a + b + c` is a left-leaning chain; walk it with a loop so its length costs no stack.
    std::vector<AugParser::ExprContext*> chain;
    AugParser::ExprContext* leftmost = ctx;
    while (true) {
      AugParser::ExprContext* left = nullptr;
      if (auto* add = dynamic_cast<AugParser::AddExprContext*>(leftmost))
        left = add->expr(0);
      else if (auto* mul = dynamic_cast<AugParser::MulExprContext*>(leftmost))
        left = mul->expr(0);
      else
        break;
      chain.push_back(leftmost);
      if (chain.size() > kMaxExprDepth) return too_deep(ctx);
      if (!left || conjured(left->getStart())) break;
      leftmost = left;
    }
    ast::ExprPtr acc;
    bool leftmost_is_operator = !chain.empty() && chain.back() == leftmost;
    if (leftmost_is_operator)
      acc = missing(Span{span(leftmost).file, span(leftmost).begin, span(leftmost).begin});
    else
      acc = operand(leftmost);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      auto* node = *it;
      auto bin = std::make_unique<ast::Expr>();
      bin->kind = ast::ExprKind::Binary;
      bin->span = span(node);
      antlr4::Token* op = nullptr;
      AugParser::ExprContext* right = nullptr;
      if (auto* add = dynamic_cast<AugParser::AddExprContext*>(node)) {
        op = add->op;
        right = add->expr(1);
      } else if (auto* mul = dynamic_cast<AugParser::MulExprContext*>(node)) {
        op = mul->op;
        right = mul->expr(1);
      }
      bin->op = op && !conjured(op) ? text(op).front() : '+';
      bin->items.push_back(std::move(acc));
      bin->items.push_back(expr(right, end_of(node)));
      set_depth(*bin);
      acc = std::move(bin);
    }
    if (acc->depth > kMaxExprDepth) return too_deep(ctx);
    return acc;
  }

  // E0003 at the whole expression; it reads as missing, so no enclosing expression reports it again.
  ast::ExprPtr too_deep(AugParser::ExprContext* ctx) {
    diags_.report(DiagId::LimitExceeded, span(ctx), "this expression nests too deeply",
                  std::to_string(kMaxExprDepth) + " levels of operators and brackets");
    return missing(span(ctx));
  }

  // An expression that is not a binary operator.
  ast::ExprPtr operand(AugParser::ExprContext* ctx) {
    if (auto* neg = dynamic_cast<AugParser::NegExprContext*>(ctx)) {
      auto e = std::make_unique<ast::Expr>();
      e->kind = ast::ExprKind::Unary;
      e->op = '-';
      e->span = span(ctx);
      e->items.push_back(expr(neg->expr(), end_of(ctx)));
      set_depth(*e);
      return e;
    }
    if (auto* prim = dynamic_cast<AugParser::PrimaryExprContext*>(ctx)) return primary(prim->primary(), end_of(ctx));
    return missing(span(ctx));
  }

  ast::ExprPtr primary(AugParser::PrimaryContext* ctx, Span missing_at) {
    if (!ctx || conjured(ctx->getStart())) return missing(missing_at);
    auto e = std::make_unique<ast::Expr>();
    e->span = span(ctx);
    if (auto* num = dynamic_cast<AugParser::NumberLitContext*>(ctx)) {
      TerminalNode* tok = real(num->NUMBER()) ? num->NUMBER() : num->BAD_NUMBER();
      if (!real(tok)) return missing(e->span);
      std::string written = text(tok->getSymbol());
      // `.5` was reported (E0105); read it as `0.5` so checking can go on.
      bool bad = tok->getSymbol()->getType() == AugParser::BAD_NUMBER;
      std::string digits_source = bad ? "0" + written : written;
      NumberParts parts = split_number(digits_source);
      e->kind = ast::ExprKind::Number;
      e->number = parts.value;
      e->is_integer = parts.is_integer;
      e->unit = std::string(parts.unit);
      e->text = written;
      if (!e->unit.empty()) {
        auto unit_len = static_cast<std::uint32_t>(parts.unit.size());
        e->unit_span = {e->span.file, e->span.end - unit_len, e->span.end};
      }
      return e;
    }
    if (auto* str = dynamic_cast<AugParser::StringLitContext*>(ctx)) {
      e->kind = ast::ExprKind::String;
      e->text = string_value(str->string());
      return e;
    }
    if (auto* b = dynamic_cast<AugParser::BoolLitContext*>(ctx)) {
      e->kind = ast::ExprKind::Bool;
      e->bool_value = real(b->KW_TRUE());
      return e;
    }
    if (auto* c = dynamic_cast<AugParser::CallExprContext*>(ctx)) {
      auto* call = c->call();
      if (!call) return missing(e->span);
      e->kind = ast::ExprKind::Call;
      e->callee = ident(call->ident(), end_of(call));
      e->args = args(call->args());
      set_depth(*e);
      return e;
    }
    if (auto* n = dynamic_cast<AugParser::NameExprContext*>(ctx)) {
      e->kind = ast::ExprKind::Name;
      e->text = ident(n->ident(), e->span).name;
      return e;
    }
    if (auto* l = dynamic_cast<AugParser::ListExprContext*>(ctx)) {
      e->kind = ast::ExprKind::List;
      for (auto* item : l->expr()) e->items.push_back(expr(item, end_of(ctx)));
      set_depth(*e);
      return e;
    }
    if (auto* t = dynamic_cast<AugParser::TupleExprContext*>(ctx)) {
      e->kind = ast::ExprKind::Tuple;
      for (auto* item : t->expr()) e->items.push_back(expr(item, end_of(ctx)));
      set_depth(*e);
      return e;
    }
    if (auto* p = dynamic_cast<AugParser::ParenExprContext*>(ctx)) return expr(p->expr(), end_of(ctx));
    return missing(e->span);
  }

  std::string string_value(AugParser::StringContext* ctx) const {
    if (!ctx) return {};
    if (real(ctx->STRING())) return unescape_string(text(ctx->STRING()->getSymbol()), true);
    if (real(ctx->UNTERMINATED_STRING())) return unescape_string(text(ctx->UNTERMINATED_STRING()->getSymbol()), false);
    return {};
  }

  const SourceText& source_;
  DiagEngine& diags_;
};

}  // namespace

std::unique_ptr<ast::File> build_ast(antlr4::ParserRuleContext* file, const SourceText& source, DiagEngine& diags) {
  return Transformer(source, diags).file(dynamic_cast<AugParser::FileContext*>(file));
}

}  // namespace auger::syntax
