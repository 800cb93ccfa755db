// Parse tree → layout nodes → text. One function per grammar rule; spacing is decided where the node is built.
#include "compiler/format/cst_printer.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "AugLexer.h"
#include "AugParser.h"
#include "antlr4-runtime.h"
#include "compiler/format/layout.h"
#include "compiler/format/token_notes.h"
#include "compiler/syntax/code_point_stream.h"
#include "compiler/syntax/lexical.h"

namespace auger::format {

namespace {

using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;
using auger_gen::AugLexer;
using auger_gen::AugParser;
using syntax::CodePointStream;

constexpr int kIndent = 2;

bool is_closer(std::size_t type) {
  return type == AugLexer::RPAREN || type == AugLexer::RBRACK || type == AugLexer::RBRACE;
}

TerminalNode* terminal(ParseTree* t) {
  return dynamic_cast<TerminalNode*>(t);
}
std::size_t type_of(ParseTree* t) {
  auto* term = terminal(t);
  return term ? term->getSymbol()->getType() : 0;
}

// Entry separators (`a: t,` in a sample, `k: v;` in an op clause) are optional and left out.
void mark_entry_separators(ParseTree* tree, std::vector<bool>& dropped) {
  auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(tree);
  if (!rule) return;
  bool entry = dynamic_cast<AugParser::FieldContext*>(rule) || dynamic_cast<AugParser::RequireEntryContext*>(rule) ||
               dynamic_cast<AugParser::EffectEntryContext*>(rule) || dynamic_cast<AugParser::CostEntryContext*>(rule);
  if (entry && !rule->children.empty()) {
    auto* last = terminal(rule->children.back());
    if (last && (last->getSymbol()->getType() == AugLexer::COMMA || last->getSymbol()->getType() == AugLexer::SEMI))
      dropped[last->getSymbol()->getTokenIndex()] = true;
  }
  for (ParseTree* child : rule->children) mark_entry_separators(child, dropped);
}

// `;` anywhere, a comma right before a closing bracket, and entry separators.
std::vector<bool> dropped_tokens(antlr4::BufferedTokenStream& tokens, ParseTree* file) {
  const auto& all = tokens.getTokens();
  std::vector<bool> dropped(all.size(), false);
  antlr4::Token* next_default = nullptr;
  for (std::size_t i = all.size(); i-- > 0;) {
    antlr4::Token* t = all[i];
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::size_t type = t->getType();
    if (type == AugLexer::SEMI) dropped[i] = true;
    if (type == AugLexer::COMMA && next_default && is_closer(next_default->getType())) dropped[i] = true;
    next_default = t;
  }
  mark_entry_separators(file, dropped);
  return dropped;
}

class CstPrinter {
 public:
  CstPrinter(const CodePointText& text, const TokenNotesTable& notes, const std::vector<bool>& dropped, int width)
      : text_(text), notes_(notes), dropped_(dropped), p_(width) {}

  std::string file(AugParser::FileContext* f) {
    enum class Kind { Import, Const, Enum, Other };
    Kind prev = Kind::Other;
    bool any = false;
    for (auto* d : f->topDecl()) {
      if (d->SEMI()) continue;
      Kind k = d->importDecl() ? Kind::Import : d->constDecl() ? Kind::Const : d->enumDecl() ? Kind::Enum : Kind::Other;
      // One blank line between declarations; runs of imports, constants or enums keep the author's choice.
      Blank b = !any ? Blank::Never : (k == prev && k != Kind::Other) ? Blank::Keep : Blank::Always;
      p_.leading(notes(d->getStart()), 0, b);
      decl(d);
      prev = k;
      any = true;
    }
    p_.leading(notes(f->EOF()), 0, any ? Blank::Keep : Blank::Never);
    return p_.text();
  }

 private:
  // ---- atoms ------------------------------------------------------------------------------------------

  const TokenNotes* notes(antlr4::Token* t) const { return notes_.notes(t->getTokenIndex()); }
  const TokenNotes* notes(TerminalNode* t) const { return notes(t->getSymbol()); }

  Node A(antlr4::Token* t, int space) const {
    return atom(text_.text(t->getStartIndex(), t->getStopIndex()), space, notes(t));
  }
  Node A(TerminalNode* t, int space) const { return A(t->getSymbol(), space); }
  // `ident` and `kindName` are one token.
  Node A(antlr4::ParserRuleContext* ctx, int space) const { return A(ctx->getStart(), space); }

  bool dropped(TerminalNode* t) const { return dropped_[t->getSymbol()->getTokenIndex()]; }
  bool same_line(TerminalNode* a, TerminalNode* b) const {
    return text_.line(a->getSymbol()->getStartIndex()) == text_.line(b->getSymbol()->getStartIndex());
  }

  static Node seq(std::vector<Node> parts) {
    Node n;
    n.kind = Node::Kind::Seq;
    n.kids = std::move(parts);
    return n;
  }
  static void add(Node& s, Node n) { s.kids.push_back(std::move(n)); }

  // A bracketed list from a rule's children between `open` and `close`: every non-comma child is an item
  // (built by `item`), a kept comma ends the item before it.
  template <typename F>
  Node bracketed(TerminalNode* open, const std::vector<ParseTree*>& children, TerminalNode* close, int space, F item) {
    std::vector<Node> items;
    // Only what lies between the brackets (when `open` is among the children).
    bool inside = std::find(children.begin(), children.end(), open) == children.end();
    for (ParseTree* c : children) {
      if (c == open || c == close) {
        inside = c == open;
        continue;
      }
      if (!inside) continue;
      if (auto* t = terminal(c); t && t->getSymbol()->getType() == AugLexer::COMMA) {
        if (!dropped(t) && !items.empty()) add(items.back(), A(t, 0));
        continue;
      }
      items.push_back(seq({item(c)}));
    }
    return list(A(open, space), std::move(items), A(close, 0));
  }

  // ---- declarations -------------------------------------------------------------------------------------

  void decl(AugParser::TopDeclContext* d) {
    if (auto* c = d->importDecl()) return p_.line(import_decl(c), 0);
    if (auto* c = d->constDecl())
      return p_.line(seq({A(c->KW_CONST(), 0), A(c->ident(), 1), A(c->ASSIGN(), 1), expr(c->expr(), 1)}), 0);
    if (auto* c = d->enumDecl()) return p_.line(enum_decl(c), 0);
    if (auto* c = d->sampleDecl()) return sample_decl(c);
    if (auto* c = d->policyDecl()) return policy_decl(c);
    if (auto* c = d->transformDecl()) return transform_decl(c);
    if (auto* c = d->opDecl()) return op_decl(c);
  }

  Node import_decl(AugParser::ImportDeclContext* c) {
    Node n = seq({A(c->KW_IMPORT(), 0)});
    if (auto* s = c->string()) {
      add(n, A(s->getStart(), 1));
    } else if (auto* d = c->dotted()) {
      bool first = true;
      for (ParseTree* child : d->children) {
        add(n, A(terminal(child) ? terminal(child)->getSymbol()
                                 : dynamic_cast<antlr4::ParserRuleContext*>(child)->getStart(),
                 first ? 1 : 0));
        first = false;
      }
    }
    return n;
  }

  Node enum_decl(AugParser::EnumDeclContext* c) {
    Node n = seq({A(c->KW_ENUM(), 0)});
    for (ParseTree* child : c->children) {
      if (child == c->KW_ENUM()) continue;
      if (auto* t = terminal(child))
        add(n, A(t, 1));
      else
        add(n, A(dynamic_cast<antlr4::ParserRuleContext*>(child), 1));
    }
    return n;
  }

  void sample_decl(AugParser::SampleDeclContext* c) {
    Node head = seq({A(c->KW_SAMPLE(), 0), A(c->ident(), 1)});
    auto fields = c->field();
    if (fields.empty() && !notes_.comments_between(index(c->LBRACE()), index(c->RBRACE()))) {
      add(head, A(c->LBRACE(), 1));
      add(head, A(c->RBRACE(), 1));
      return p_.line(head, 0);
    }
    add(head, A(c->LBRACE(), 1));
    p_.line(head, 0);
    bool first = true;
    for (auto* f : fields) {
      p_.leading(notes(f->getStart()), kIndent, first ? Blank::Never : Blank::Keep);
      p_.line(seq({A(f->ident(), 0), A(f->COLON(), 0), field_type(f->fieldType(), 1)}), kIndent);
      first = false;
    }
    close_brace(c->RBRACE(), {}, 0, !fields.empty());
  }

  Node field_type(AugParser::FieldTypeContext* c, int space) {
    Node n = seq({A(c->ident(), space)});
    const auto& kids = c->children;
    for (std::size_t i = 1; i < kids.size(); ++i) {
      std::size_t type = type_of(kids[i]);
      if (type == AugLexer::LPAREN) {
        std::size_t j = i + 1;
        AugParser::ArgsContext* args = j < kids.size() ? dynamic_cast<AugParser::ArgsContext*>(kids[j]) : nullptr;
        if (args) ++j;
        add(n, args_list(terminal(kids[i]), args, terminal(kids[j]), 0));
        i = j;
      } else {
        add(n, A(terminal(kids[i]), 0));  // `?`, `[`, `]`
      }
    }
    return n;
  }

  void policy_decl(AugParser::PolicyDeclContext* c) {
    auto names = c->ident();
    Node head = seq({A(c->KW_POLICY(), 0), A(names.at(0), 1)});
    if (auto* ps = c->params()) add(head, params(ps));
    add(head, A(c->KW_ON(), 1));
    add(head, A(names.at(1), 1));
    if (auto* det = c->KW_DETERMINISTIC()) add(head, A(det, 1));
    block_stmt(std::move(head), c->block(), 0, false, {});
  }

  void transform_decl(AugParser::TransformDeclContext* c) {
    Node head = seq({A(c->KW_TRANSFORM(), 0), A(c->ident(), 1)});
    if (auto* ps = c->params()) add(head, params(ps));
    block_stmt(std::move(head), c->block(), 0, false, {});
  }

  void op_decl(AugParser::OpDeclContext* c) {
    Node head = seq({A(c->KW_OP(), 0), A(c->ident(), 1)});
    if (auto* ps = c->params()) add(head, params(ps));
    p_.line(head, 0);
    if (auto* colon = c->COLON()) {
      auto kinds = c->kindPattern();
      p_.leading(notes(colon), kIndent, Blank::Never);
      p_.line(seq({A(colon, 0), kind_pattern(kinds.at(0), 1), A(c->ARROW(), 1), kind_pattern(kinds.at(1), 1)}),
              kIndent);
    }
    if (auto* r = c->requiresClause()) {
      std::vector<Node> entries;
      for (auto* e : r->requireEntry()) {
        auto ids = e->ident();
        std::vector<ParseTree*> inner(e->children.begin() + 1, e->children.end());
        entries.push_back(seq({A(ids.at(0), 1), bracketed(e->LPAREN(), inner, e->RPAREN(), 0, [&](ParseTree* t) {
                                 return A(dynamic_cast<antlr4::ParserRuleContext*>(t), 0);
                               })}));
      }
      clause(r->KW_REQUIRES(), r->LBRACE(), std::move(entries), r->RBRACE());
    }
    if (auto* e = c->effectsClause()) {
      std::vector<Node> entries;
      for (auto* en : e->effectEntry()) {
        auto ids = en->ident();
        Node n = seq({A(ids.at(0), 1), A(en->COLON(), 0), A(ids.at(1), 1)});
        if (en->LPAREN()) add(n, list(A(en->LPAREN(), 0), {seq({A(ids.at(2), 0)})}, A(en->RPAREN(), 0)));
        entries.push_back(std::move(n));
      }
      clause(e->KW_EFFECTS(), e->LBRACE(), std::move(entries), e->RBRACE());
    }
    if (auto* k = c->costClause()) {
      std::vector<Node> entries;
      for (auto* en : k->costEntry())
        entries.push_back(seq({A(en->ident(), 1), A(en->COLON(), 0), expr(en->expr(), 1)}));
      clause(k->KW_COST(), k->LBRACE(), std::move(entries), k->RBRACE());
    }
    if (auto* d = c->docClause()) {
      p_.leading(notes(d->KW_DOC()), kIndent, Blank::Never);
      p_.line(seq({A(d->KW_DOC(), 0), A(d->string()->getStart(), 1)}), kIndent);
    }
  }

  Node kind_pattern(AugParser::KindPatternContext* c, int space) {
    Node n = seq({A(c->kindName(), space)});
    if (c->LPAREN()) add(n, args_list(c->LPAREN(), c->args(), c->RPAREN(), 0));
    return n;
  }

  // `effects { a: b  c: d }` on one line, entries two spaces apart; one entry a line when comments are inside.
  void clause(TerminalNode* keyword, TerminalNode* open, std::vector<Node> entries, TerminalNode* close) {
    p_.leading(notes(keyword), kIndent, Blank::Never);
    if (!notes_.comments_between(index(open), index(close))) {
      std::vector<Node> parts{A(open, 1)};
      for (std::size_t i = 0; i < entries.size(); ++i) {
        first_atom(entries[i])->space = i == 0 ? 1 : 2;
        parts.push_back(std::move(entries[i]));
      }
      parts.push_back(A(close, 1));
      return p_.line(seq({A(keyword, 0), flat(std::move(parts))}), kIndent);
    }
    p_.line(seq({A(keyword, 0), A(open, 1)}), kIndent);
    bool first = true;
    for (Node& e : entries) {
      Node* a = first_atom(e);
      a->space = 0;
      p_.leading(a->notes, 2 * kIndent, first ? Blank::Never : Blank::Keep);
      p_.line(e, 2 * kIndent);
      first = false;
    }
    close_brace(close, {}, kIndent, !entries.empty());
  }

  // ---- parameters ---------------------------------------------------------------------------------------

  Node params(AugParser::ParamsContext* c) {
    return bracketed(c->LPAREN(), c->children, c->RPAREN(), 0,
                     [&](ParseTree* t) { return param(dynamic_cast<AugParser::ParamContext*>(t)); });
  }

  Node param(AugParser::ParamContext* c) {
    Node n = seq({A(c->ident(), 0), A(c->COLON(), 0), type_ref(c->typeRef(), 1)});
    if (c->KW_IN()) {
      add(n, A(c->KW_IN(), 1));
      add(n, domain(c->domain(), 1));
    }
    if (c->ASSIGN()) {
      add(n, A(c->ASSIGN(), 1));
      add(n, expr(c->expr(), 1));
    }
    return n;
  }

  Node type_ref(AugParser::TypeRefContext* c, int space) {
    if (c->LBRACK()) return seq({A(c->LBRACK(), space), type_ref(c->typeRef(), 0), A(c->RBRACK(), 0)});
    Node n;
    bool first = true;
    for (ParseTree* child : c->children) {
      if (auto* t = terminal(child))
        add(n, A(t, 1));  // `|`
      else
        add(n, A(dynamic_cast<antlr4::ParserRuleContext*>(child), first ? space : 1));
      first = false;
    }
    return n;
  }

  Node domain(AugParser::DomainContext* c, int space) {
    if (c->DOTDOT()) return seq({expr(c->expr(0), space), A(c->DOTDOT(), 0), expr(c->expr(1), 0)});
    TerminalNode* open = c->LBRACE() ? c->LBRACE() : c->LBRACK();
    TerminalNode* close = c->LBRACE() ? c->RBRACE() : c->RBRACK();
    return bracketed(open, c->children, close, space,
                     [&](ParseTree* t) { return expr(dynamic_cast<AugParser::ExprContext*>(t), 0); });
  }

  // ---- statements ---------------------------------------------------------------------------------------

  // `head {` … `}` followed by `after`; on one line when `inline_ok` and the author wrote it on one line, or
  // when it is empty.
  void block_stmt(Node head, AugParser::BlockContext* b, int indent, bool inline_ok, std::vector<Node> after) {
    auto stmts = b->stmt();
    bool empty = stmts.empty() && !notes_.comments_between(index(b->LBRACE()), index(b->RBRACE()));
    if (empty || (inline_ok && same_line(b->LBRACE(), b->RBRACE()))) {
      add(head, inline_block(b));
      for (Node& a : after) add(head, std::move(a));
      return p_.line(head, indent);
    }
    add(head, A(b->LBRACE(), 1));
    p_.line(head, indent);
    bool first = true;
    for (auto* s : stmts) {
      p_.leading(notes(s->getStart()), indent + kIndent, first ? Blank::Never : Blank::Keep);
      stmt(s, Node{}, indent + kIndent);
      first = false;
    }
    close_brace(b->RBRACE(), std::move(after), indent, !stmts.empty());
  }

  // `}` (and what follows it) at `indent`; the comments before it stay inside the block. A blank line right
  // before `}` is dropped (docs/fmt.md); one before a comment that ends the block is the author's.
  void close_brace(TerminalNode* close, std::vector<Node> after, int indent, bool after_content) {
    p_.leading(notes(close), indent + kIndent, after_content ? Blank::Keep : Blank::Never, false);
    Node line = seq({A(close, 0)});
    for (Node& a : after) add(line, std::move(a));
    p_.line(line, indent);
  }

  Node inline_block(AugParser::BlockContext* b) {
    std::vector<Node> parts{A(b->LBRACE(), 1)};
    bool first = true;
    for (auto* s : b->stmt()) {
      parts.push_back(stmt_inline(s, first ? 1 : 2));
      first = false;
    }
    parts.push_back(A(b->RBRACE(), 1));
    return flat(std::move(parts));
  }

  std::vector<Node> annotations(AugParser::StmtContext* s) {
    std::vector<Node> out;
    for (auto* a : s->annotation())
      out.push_back(seq(
          {A(a->AT(), 1), A(a->ident(), 0), list(A(a->LPAREN(), 0), {seq({expr(a->expr(), 0)})}, A(a->RPAREN(), 0))}));
    return out;
  }

  // The label and the start of the core, after `prefix`.
  Node stmt_head(AugParser::StmtContext* s, Node prefix, int& space) {
    Node head = std::move(prefix);
    space = head.kids.empty() ? 0 : 1;
    if (s->COLON()) {
      add(head, A(s->ident(), space));
      add(head, A(s->COLON(), 0));
      space = 1;
    }
    return head;
  }

  void stmt(AugParser::StmtContext* s, Node prefix, int indent) {
    int sp = 0;
    Node head = stmt_head(s, std::move(prefix), sp);
    auto* core = s->core();
    if (auto* call = core->call()) {
      add(head, call_node(call, sp));
      for (Node& a : annotations(s)) add(head, std::move(a));
      return p_.line(head, indent);
    }
    if (core->KW_MATCH()) return match(s, std::move(head), sp, indent);
    add(head, A(core->getStart(), sp));
    if (core->KW_SOME_OF()) add(head, args_list(core->LPAREN(), core->args(), core->RPAREN(), 0));
    block_stmt(std::move(head), core->block(), indent, true, annotations(s));
  }

  void match(AugParser::StmtContext* s, Node head, int sp, int indent) {
    auto* core = s->core();
    add(head, A(core->KW_MATCH(), sp));
    add(head, A(core->ident(), 1));
    auto arms = core->matchArm();
    bool empty = arms.empty() && !notes_.comments_between(index(core->LBRACE()), index(core->RBRACE()));
    if (empty || same_line(core->LBRACE(), core->RBRACE())) {
      add(head, match_inline(core));
      for (Node& a : annotations(s)) add(head, std::move(a));
      return p_.line(head, indent);
    }
    add(head, A(core->LBRACE(), 1));
    p_.line(head, indent);
    bool first = true;
    for (auto* arm : arms) {
      p_.leading(notes(arm->getStart()), indent + kIndent, first ? Blank::Never : Blank::Keep);
      stmt(arm->stmt(), seq({A(arm->ident(), 0), A(arm->FATARROW(), 1)}), indent + kIndent);
      first = false;
    }
    close_brace(core->RBRACE(), annotations(s), indent, !arms.empty());
  }

  Node match_inline(AugParser::CoreContext* core) {
    std::vector<Node> parts{A(core->LBRACE(), 1)};
    bool first = true;
    for (auto* arm : core->matchArm()) {
      parts.push_back(A(arm->ident(), first ? 1 : 2));
      parts.push_back(A(arm->FATARROW(), 1));
      parts.push_back(stmt_inline(arm->stmt(), 1));
      first = false;
    }
    parts.push_back(A(core->RBRACE(), 1));
    return flat(std::move(parts));
  }

  Node stmt_inline(AugParser::StmtContext* s, int space) {
    Node n;
    if (s->COLON()) {
      add(n, A(s->ident(), space));
      add(n, A(s->COLON(), 0));
      space = 1;
    }
    auto* core = s->core();
    if (auto* call = core->call()) {
      add(n, call_node(call, space));
    } else if (core->KW_MATCH()) {
      add(n, A(core->KW_MATCH(), space));
      add(n, A(core->ident(), 1));
      add(n, match_inline(core));
    } else {
      add(n, A(core->getStart(), space));
      if (core->KW_SOME_OF()) add(n, args_list(core->LPAREN(), core->args(), core->RPAREN(), 0));
      add(n, inline_block(core->block()));
    }
    for (Node& a : annotations(s)) add(n, std::move(a));
    return n;
  }

  // ---- calls and expressions ----------------------------------------------------------------------------

  Node call_node(AugParser::CallContext* c, int space) {
    return seq({A(c->ident(), space), args_list(c->LPAREN(), c->args(), c->RPAREN(), 0)});
  }

  Node args_list(TerminalNode* open, AugParser::ArgsContext* args, TerminalNode* close, int space) {
    std::vector<ParseTree*> children;
    if (args) children = args->children;
    return bracketed(open, children, close, space,
                     [&](ParseTree* t) { return arg(dynamic_cast<AugParser::ArgContext*>(t)); });
  }

  Node arg(AugParser::ArgContext* a) {
    if (a->COLON()) return seq({A(a->ident(), 0), A(a->COLON(), 0), expr(a->expr(), 1)});
    return expr(a->expr(), 0);
  }

  Node expr(AugParser::ExprContext* e, int space) {
    if (auto* neg = dynamic_cast<AugParser::NegExprContext*>(e))
      return seq({A(neg->MINUS(), space), expr(neg->expr(), 0)});
    if (auto* mul = dynamic_cast<AugParser::MulExprContext*>(e))
      return seq({expr(mul->expr(0), space), A(mul->op, 1), expr(mul->expr(1), 1)});
    if (auto* sum = dynamic_cast<AugParser::AddExprContext*>(e))
      return seq({expr(sum->expr(0), space), A(sum->op, 1), expr(sum->expr(1), 1)});
    auto* prim = dynamic_cast<AugParser::PrimaryExprContext*>(e);
    if (!prim) throw std::runtime_error("unexpected expression form");
    return primary(prim->primary(), space);
  }

  Node primary(AugParser::PrimaryContext* p, int space) {
    if (auto* c = dynamic_cast<AugParser::CallExprContext*>(p)) return call_node(c->call(), space);
    auto as_expr = [&](ParseTree* t) { return expr(dynamic_cast<AugParser::ExprContext*>(t), 0); };
    if (auto* l = dynamic_cast<AugParser::ListExprContext*>(p))
      return bracketed(l->LBRACK(), l->children, l->RBRACK(), space, as_expr);
    if (auto* t = dynamic_cast<AugParser::TupleExprContext*>(p))
      return bracketed(t->LPAREN(), t->children, t->RPAREN(), space, as_expr);
    if (auto* r = dynamic_cast<AugParser::ParenExprContext*>(p))
      return bracketed(r->LPAREN(), r->children, r->RPAREN(), space, as_expr);
    return A(p->getStart(), space);  // number, string, bool, name: one token each
  }

  static std::size_t index(TerminalNode* t) { return t->getSymbol()->getTokenIndex(); }

  const CodePointText& text_;
  const TokenNotesTable& notes_;
  const std::vector<bool>& dropped_;
  Printer p_;
};

}  // namespace

std::string print_canonical(std::string_view bytes, int width) {
  syntax::DecodedText decoded = syntax::decode_utf8(bytes);
  CodePointText text(bytes, decoded.byte_offsets, decoded.code_points);
  CodePointStream input(decoded.code_points);
  AugLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  AugParser parser(&tokens);
  parser.removeErrorListeners();
  tokens.fill();
  AugParser::FileContext* tree = parser.file();
  if (parser.getNumberOfSyntaxErrors() > 0) throw std::runtime_error("the file does not parse");
  std::vector<bool> dropped = dropped_tokens(tokens, tree);
  TokenNotesTable notes(tokens, text, dropped);
  return CstPrinter(text, notes, dropped, width).file(tree);
}

}  // namespace auger::format
