#include "compiler/syntax/syntax_errors.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "AugLexer.h"
#include "AugParser.h"
#include "antlr4-runtime.h"

namespace auger::syntax {

namespace {

using auger_gen::AugParser;

// Past this many, the rest are almost always echoes of the first ones.
constexpr std::size_t kMaxSyntaxErrors = 25;

bool is_ident_keyword(std::size_t type) {
  return type >= AugParser::KW_IMPORT && type <= AugParser::KW_DOC;
}

bool is_declaration_keyword(std::size_t type) {
  switch (type) {
    case AugParser::KW_IMPORT:
    case AugParser::KW_CONST:
    case AugParser::KW_ENUM:
    case AugParser::KW_SAMPLE:
    case AugParser::KW_POLICY:
    case AugParser::KW_TRANSFORM:
    case AugParser::KW_OP: return true;
    default: return false;
  }
}

bool starts_expression_only(std::size_t type) {
  switch (type) {
    case AugParser::NUMBER:
    case AugParser::BAD_NUMBER:
    case AugParser::STRING:
    case AugParser::UNTERMINATED_STRING:
    case AugParser::LBRACK:
    case AugParser::LPAREN:
    case AugParser::MINUS: return true;
    default: return false;
  }
}

// Tokens that could continue what came before; listing them drowns the one that was really missing.
bool is_continuation(std::size_t type) {
  switch (type) {
    case AugParser::STAR:
    case AugParser::SLASH:
    case AugParser::PLUS:
    case AugParser::MINUS:
    case AugParser::AT:
    case AugParser::SEMI:
    case AugParser::QUESTION:
    case AugParser::DOT:
    case AugParser::PIPE:
    case AugParser::LBRACK:
    case AugParser::LPAREN: return true;
    default: return false;
  }
}

// What a name stands for where the parser is: a statement in a block, a field in a sample, …
std::string name_role(antlr4::ParserRuleContext* ctx) {
  std::size_t rule = ctx ? ctx->getRuleIndex() : std::size_t{AugParser::RuleFile};
  switch (rule) {
    case AugParser::RuleBlock:
    case AugParser::RuleMatchArm: return "a statement";
    case AugParser::RuleCore: {
      // Inside `match x { … }` the parser wants arms; elsewhere it is choosing a statement's form.
      auto* first = ctx->children.empty() ? nullptr : dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[0]);
      bool in_match = first && first->getSymbol()->getType() == AugParser::KW_MATCH;
      return in_match ? "a match arm" : "a statement";
    }
    case AugParser::RuleSampleDecl: return "a field";
    case AugParser::RuleEffectsClause:
    case AugParser::RuleCostClause: return "an entry `name: value`";
    default: return "a name";
  }
}

std::string quote(std::string_view text) {
  std::string shown(text.substr(0, 24));
  if (text.size() > 24) shown += "…";
  return "`" + shown + "`";
}

std::string join_alternatives(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

struct SyntaxErrorReporting::Impl {
  const SourceText& source;
  DiagEngine& diags;
  antlr4::BufferedTokenStream& tokens;
  TokenFacts facts;
  std::unique_ptr<antlr4::ANTLRErrorListener> listener;
  std::size_t reported = 0;
  std::size_t last_token = static_cast<std::size_t>(-2);
  std::size_t last_line = 0;
  std::set<std::pair<const void*, std::size_t>> reported_sites;
  std::set<std::size_t> quiet_lines;   // lines with an unterminated string: E0102 already explains them
  std::set<std::size_t> quiet_tokens;  // the token right after an unterminated string
  std::set<std::size_t> matched;       // brackets with a partner: recovery must not delete them

  Impl(const SourceText& s, DiagEngine& d, antlr4::BufferedTokenStream& t) : source(s), diags(d), tokens(t) {}

  void set_facts(TokenFacts f) {
    facts = std::move(f);
    matched.insert(facts.matched_brackets.begin(), facts.matched_brackets.end());
    for (std::size_t index : facts.unterminated_strings) {
      antlr4::Token* tok = tokens.get(index);
      quiet_lines.insert(tok->getLine());
      for (std::size_t next = index + 1; next < tokens.size(); ++next) {
        if (tokens.get(next)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
          quiet_tokens.insert(next);
          break;
        }
      }
    }
  }

  Span token_span(antlr4::Token* t) const {
    if (!t || t->getStartIndex() == INVALID_INDEX) return source.empty_span_at(0);
    return source.span(t->getStartIndex(), t->getStopIndex());
  }

  std::string describe_found(antlr4::Token* t) const {
    if (!t || t->getType() == antlr4::Token::EOF) return "end of file";
    return quote(source.text(token_span(t)));
  }

  std::string describe_expected(const antlr4::misc::IntervalSet& set, antlr4::Parser* parser) const {
    std::set<std::size_t> types;
    for (ssize_t t : set.toList()) types.insert(static_cast<std::size_t>(t));
    std::vector<std::string> words;
    bool has_name = types.count(AugParser::ID) > 0;
    bool has_expression = has_name && types.count(AugParser::NUMBER) && types.count(AugParser::LBRACK);
    bool has_declaration = !has_name && types.count(AugParser::KW_POLICY) && types.count(AugParser::KW_SAMPLE);
    bool has_eof = types.count(antlr4::Token::EOF) > 0;
    std::vector<std::size_t> rest;
    for (std::size_t t : types) {
      if (t == antlr4::Token::EOF) continue;
      if (has_expression && (starts_expression_only(t) || t == AugParser::ID || is_ident_keyword(t))) continue;
      if (has_name && (t == AugParser::ID || is_ident_keyword(t))) continue;
      if (has_declaration && (is_declaration_keyword(t) || t == AugParser::SEMI)) continue;
      rest.push_back(t);
    }
    bool has_words = has_expression || has_name || has_declaration || has_eof;
    std::vector<std::size_t> kept;
    for (std::size_t t : rest)
      if (!is_continuation(t)) kept.push_back(t);
    if (kept.empty() && !has_words) kept = rest;
    const auto& vocab = parser->getVocabulary();
    for (std::size_t t : kept) {
      std::string literal = vocab.getLiteralName(t);
      if (literal.size() >= 2 && literal.front() == '\'')
        words.push_back(quote(literal.substr(1, literal.size() - 2)));
      else if (t == AugParser::NUMBER)
        words.push_back("a number");
      else if (t == AugParser::STRING)
        words.push_back("a string");
    }
    if (has_expression)
      words.push_back("an expression");
    else if (has_name)
      words.push_back(name_role(parser->getContext()));
    if (has_declaration) words.push_back("a declaration");
    if (has_eof) words.push_back("end of file");
    if (words.size() > 5) return {};
    return join_alternatives(words);
  }

  std::string expected_found(const antlr4::misc::IntervalSet& set, antlr4::Parser* parser, antlr4::Token* found) {
    std::string expected = describe_expected(set, parser);
    if (expected.empty()) return "unexpected " + describe_found(found);
    return "expected " + expected + ", found " + describe_found(found);
  }

  // The statement (or field, parameter, entry) the parser is in; errors inside one are reported once.
  std::pair<const void*, std::size_t> site(antlr4::Parser* parser, antlr4::Token* offending) const {
    for (antlr4::ParserRuleContext* ctx = parser ? parser->getContext() : nullptr; ctx;
         ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
      switch (ctx->getRuleIndex()) {
        case AugParser::RuleStmt:
        case AugParser::RuleField:
        case AugParser::RuleParam:
        case AugParser::RuleEffectEntry:
        case AugParser::RuleCostEntry:
        case AugParser::RuleMatchArm: return {ctx, 0};
        case AugParser::RuleBlock:
        case AugParser::RuleTopDecl:
        case AugParser::RuleFile:
          // Between statements: one error per line.
          return {ctx, offending ? offending->getLine() : 0};
        default: break;
      }
    }
    return {nullptr, offending ? offending->getLine() : 0};
  }

  antlr4::Token* previous_token(antlr4::Token* t) const {
    if (!t || t->getTokenIndex() == INVALID_INDEX) return nullptr;
    for (std::size_t i = t->getTokenIndex(); i-- > 0;) {
      antlr4::Token* prev = tokens.get(i);
      if (prev->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return prev;
    }
    return nullptr;
  }

  void report(antlr4::Parser* parser, antlr4::Token* offending, const std::string& message) {
    if (reported >= kMaxSyntaxErrors) return;
    std::size_t index = offending ? offending->getTokenIndex() : INVALID_INDEX;
    // Recovery often trips again a few tokens on; one error per line keeps the echoes out.
    if (offending && (index == last_token || offending->getLine() == last_line)) return;
    if (offending && (quiet_tokens.count(index) || quiet_lines.count(offending->getLine()))) return;
    if (offending && offending->getType() == AugParser::UNTERMINATED_STRING) return;
    auto key = site(parser, offending);
    if (!reported_sites.insert(key).second) return;
    last_token = index;
    last_line = offending ? offending->getLine() : 0;
    ++reported;
    if (antlr4::Token* keyword = misplaced_declaration(parser, offending)) {
      report_unfinished(keyword);
      return;
    }
    Span at = token_span(offending);
    Diagnostic& d = diags.report(DiagId::SyntaxError, at, message);
    add_hints(d, offending, parser);
  }

  // `policy` at the start of a line, read as a name because the declaration above is unfinished (a `}`
  // or an operand missing). Keywords are contextual, so the parser only notices one token later.
  antlr4::Token* misplaced_declaration(antlr4::Parser* parser, antlr4::Token* offending) const {
    antlr4::Token* keyword = previous_token(offending);
    if (!keyword || !is_declaration_keyword(keyword->getType())) return nullptr;
    antlr4::Token* before = previous_token(keyword);
    if (before && before->getLine() == keyword->getLine()) return nullptr;
    for (antlr4::ParserRuleContext* ctx = parser ? parser->getContext() : nullptr; ctx;
         ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
      auto* parent = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent);
      if (parent && parent->getRuleIndex() == AugParser::RuleTopDecl) {
        // The keyword really opens the declaration being parsed: the error is inside it.
        if (ctx->getStart() == keyword) return nullptr;
        break;
      }
    }
    return keyword;
  }

  void report_unfinished(antlr4::Token* keyword) {
    std::string word = quote(source.text(token_span(keyword)));
    Diagnostic& d = diags.report(DiagId::SyntaxError, token_span(keyword),
                                 word + " starts a new declaration, but the one before it is not finished");
    last_line = keyword->getLine();
    for (auto it = facts.unclosed_openers.rbegin(); it != facts.unclosed_openers.rend(); ++it) {
      if (*it < keyword->getTokenIndex()) {
        antlr4::Token* opener = tokens.get(*it);
        d.note(token_span(opener), "this " + quote(source.text(token_span(opener))) + " is never closed");
        return;
      }
    }
  }

  void add_hints(Diagnostic& d, antlr4::Token* offending, antlr4::Parser* parser) {
    if (!offending) return;
    // `polcy a on S`: a misspelt declaration keyword.
    if (offending->getType() == AugParser::ID && parser && parser->getContext() &&
        parser->getContext()->getRuleIndex() == AugParser::RuleFile) {
      if (auto keyword = closest_declaration_keyword(source.text(token_span(offending)))) {
        d.fix(token_span(offending), std::string(*keyword), "did you mean `" + std::string(*keyword) + "`?");
      }
    }
    if (offending->getType() == antlr4::Token::EOF && !facts.unclosed_openers.empty()) {
      antlr4::Token* opener = tokens.get(facts.unclosed_openers.back());
      d.note(token_span(opener), "this " + quote(source.text(token_span(opener))) + " is never closed");
      return;
    }
    // `30 deg`: a unit is part of its number.
    antlr4::Token* prev = previous_token(offending);
    if (offending->getType() == AugParser::ID && prev && prev->getType() == AugParser::NUMBER) {
      std::string_view word = source.text(token_span(offending));
      if (std::find(known_units().begin(), known_units().end(), word) != known_units().end()) {
        Span gap{source.file(), token_span(prev).end, token_span(offending).begin};
        d.fix(gap, "", "write the unit right after the number, without a space");
      }
    }
  }
};

namespace {

using Impl = SyntaxErrorReporting::Impl;

bool in_statement(antlr4::Parser* parser) {
  auto* ctx = parser->getContext();
  if (!ctx) return false;
  std::size_t rule = ctx->getRuleIndex();
  return rule == AugParser::RuleStmt || rule == AugParser::RuleCore || rule == AugParser::RuleBlock ||
         rule == AugParser::RuleMatchArm;
}

bool is_name_token(antlr4::Token* t) {
  return t && (t->getType() == AugParser::ID || is_ident_keyword(t->getType()));
}

class FriendlyErrorStrategy final : public antlr4::DefaultErrorStrategy {
 public:
  explicit FriendlyErrorStrategy(Impl& impl) : impl_(impl) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser, const antlr4::NoViableAltException& e) override {
    antlr4::Token* found = e.getOffendingToken();
    // When the decision failed on its first token the expected set is exact; deeper, it would mislead.
    antlr4::Token* start = e.getStartToken();
    std::string message;
    if (start == found) {
      message = impl_.expected_found(e.getExpectedTokens(), parser, found);
    } else if (in_statement(parser) && is_name_token(start) && impl_.previous_token(found) == start) {
      // `rotate angle: 30deg)`: a statement is a call (or a label) once it has its name.
      message = "expected `(` after " + impl_.describe_found(start) + ", found " + impl_.describe_found(found);
    } else {
      message = "unexpected " + impl_.describe_found(found);
    }
    parser->notifyErrorListeners(found, message, std::make_exception_ptr(e));
  }

  // Between declarations the default strategy would throw and then skip to the end of the file; skip
  // to the next line that starts with a declaration keyword instead, so later declarations still parse.
  void sync(antlr4::Parser* parser) override {
    auto* ctx = parser->getContext();
    if (!ctx || ctx->getRuleIndex() != AugParser::RuleFile) {
      antlr4::DefaultErrorStrategy::sync(parser);
      return;
    }
    antlr4::Token* current = parser->getCurrentToken();
    if (!current || current->getType() == antlr4::Token::EOF || current->getType() == AugParser::SEMI ||
        is_declaration_keyword(current->getType()))
      return;
    reportUnwantedToken(parser);
    while (true) {
      antlr4::Token* t = parser->getCurrentToken();
      if (!t || t->getType() == antlr4::Token::EOF) break;
      if (is_declaration_keyword(t->getType())) {
        antlr4::Token* before = impl_.previous_token(t);
        if (!before || before->getLine() != t->getLine()) break;
      }
      parser->consume();
    }
  }

  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override {
    // Deleting a bracket that has its partner loses the structure (`vflip(` then `}` would eat the block's
    // `}`); inserting the missing token is the better repair then.
    antlr4::Token* current = parser->getCurrentToken();
    if (current && impl_.matched.count(current->getTokenIndex())) return nullptr;
    return antlr4::DefaultErrorStrategy::singleTokenDeletion(parser);
  }

  void reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) override {
    antlr4::Token* found = e.getOffendingToken();
    parser->notifyErrorListeners(found, impl_.expected_found(e.getExpectedTokens(), parser, found),
                                 std::make_exception_ptr(e));
  }

  void reportFailedPredicate(antlr4::Parser* parser, const antlr4::FailedPredicateException& e) override {
    antlr4::Token* found = e.getOffendingToken();
    parser->notifyErrorListeners(found, "unexpected " + impl_.describe_found(found), std::make_exception_ptr(e));
  }

  void reportUnwantedToken(antlr4::Parser* parser) override {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    antlr4::Token* found = parser->getCurrentToken();
    parser->notifyErrorListeners(found, impl_.expected_found(getExpectedTokens(parser), parser, found), nullptr);
  }

  void reportMissingToken(antlr4::Parser* parser) override {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    antlr4::Token* found = parser->getCurrentToken();
    parser->notifyErrorListeners(found, impl_.expected_found(getExpectedTokens(parser), parser, found), nullptr);
  }

 private:
  Impl& impl_;
};

class DiagListener final : public antlr4::BaseErrorListener {
 public:
  explicit DiagListener(Impl& impl) : impl_(impl) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, std::size_t /*line*/,
                   std::size_t /*column*/, const std::string& message, std::exception_ptr /*e*/) override {
    if (auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer)) {
      // The lexer has a catch-all rule and should never get here; report plainly if it does.
      std::size_t at = lexer->getInputStream() ? lexer->getInputStream()->index() : 0;
      impl_.diags.report(DiagId::SyntaxError, impl_.source.empty_span_at(at), "unreadable input");
      return;
    }
    impl_.report(dynamic_cast<antlr4::Parser*>(recognizer), offending, message);
  }

 private:
  Impl& impl_;
};

}  // namespace

SyntaxErrorReporting::SyntaxErrorReporting(const SourceText& source, DiagEngine& diags,
                                           antlr4::BufferedTokenStream& tokens)
    : impl_(std::make_unique<Impl>(source, diags, tokens)) {}

void SyntaxErrorReporting::set_token_facts(TokenFacts facts) {
  impl_->set_facts(std::move(facts));
}

SyntaxErrorReporting::~SyntaxErrorReporting() = default;

void SyntaxErrorReporting::install(antlr4::Lexer& lexer, antlr4::Parser& parser) {
  // ANTLR does not own listeners; this object keeps it alive.
  impl_->listener = std::make_unique<DiagListener>(*impl_);
  lexer.removeErrorListeners();
  lexer.addErrorListener(impl_->listener.get());
  parser.removeErrorListeners();
  parser.addErrorListener(impl_->listener.get());
  parser.setErrorHandler(std::make_shared<FriendlyErrorStrategy>(*impl_));
}

}  // namespace auger::syntax
