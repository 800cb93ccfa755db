// The parse driver: decode, lex, run the lexical checks, parse with recovery, transform.
#include "compiler/syntax/parser.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "AugLexer.h"
#include "AugParser.h"
#include "antlr4-runtime.h"
#include "compiler/base/limits.h"
#include "compiler/syntax/code_point_stream.h"
#include "compiler/syntax/lexical.h"
#include "compiler/syntax/syntax_errors.h"
#include "compiler/syntax/transformer.h"

namespace auger {

namespace {

using auger_gen::AugLexer;
using syntax::CodePointStream;
using syntax::SourceText;

// Brackets and unary minus nest the parser's (and the transformer's) recursion; deeper input is refused
// before ANTLR sees it (limits::kMaxNesting), so that no input can exhaust the stack.
using limits::kMaxNesting;

bool is_opener(std::size_t type) {
  return type == AugLexer::LPAREN || type == AugLexer::LBRACK || type == AugLexer::LBRACE;
}

std::size_t closer_of(std::size_t opener) {
  if (opener == AugLexer::LPAREN) return AugLexer::RPAREN;
  if (opener == AugLexer::LBRACK) return AugLexer::RBRACK;
  return AugLexer::RBRACE;
}

Span token_span(const SourceText& source, const antlr4::Token* t) {
  return source.span(t->getStartIndex(), t->getStopIndex());
}

std::string describe_stray(std::string_view text) {
  if (text == "'") return "unexpected character `'` (strings are written in double quotes)";
  if (text.size() == 1 && (static_cast<unsigned char>(text[0]) < 0x20 || text[0] == 0x7F)) {
    static constexpr char kHex[] = "0123456789abcdef";
    auto byte = static_cast<unsigned char>(text[0]);
    return std::string("unexpected control character 0x") + kHex[byte >> 4] + kHex[byte & 15];
  }
  return "unexpected character `" + std::string(text) + "`";
}

// Lexical diagnostics for every token, whether or not the parser later uses it, plus the facts the
// syntax error reporter needs. Returns false when the nesting is too deep to parse safely.
bool scan_tokens(antlr4::CommonTokenStream& tokens, const SourceText& source, DiagEngine& diags,
                 syntax::TokenFacts& facts, ast::File& file) {
  std::vector<std::size_t> open;  // token indices of unclosed brackets
  std::size_t minus_run = 0;
  std::size_t last_stray = static_cast<std::size_t>(-2);
  bool too_deep = false;
  for (antlr4::Token* t : tokens.getTokens()) {
    std::size_t type = t->getType();
    if (type == antlr4::Token::EOF) break;
    std::size_t index = t->getTokenIndex();
    Span at = token_span(source, t);
    std::string_view text = source.text(at);
    switch (type) {
      case AugLexer::COMMENT: file.comments.push_back({std::string(text.substr(1)), at}); continue;
      case AugLexer::ERROR_CHAR:
        // One diagnostic for a run of stray characters.
        if (index != last_stray + 1) diags.report(DiagId::SyntaxError, at, describe_stray(text));
        last_stray = index;
        continue;
      case AugLexer::NUMBER: syntax::check_number_token(text, at, diags); break;
      case AugLexer::BAD_NUMBER: syntax::check_bad_number_token(text, at, diags); break;
      case AugLexer::STRING: syntax::check_string_token(text, at, true, diags); break;
      case AugLexer::UNTERMINATED_STRING:
        syntax::check_string_token(text, at, false, diags);
        facts.unterminated_strings.push_back(index);
        break;
      default: break;
    }
    minus_run = type == AugLexer::MINUS ? minus_run + 1 : 0;
    if (is_opener(type)) {
      open.push_back(index);
    } else if (type == AugLexer::RPAREN || type == AugLexer::RBRACK || type == AugLexer::RBRACE) {
      // Pop to the matching opener if there is one; a stray closer is the parser's to report.
      for (std::size_t k = open.size(); k-- > 0;) {
        if (closer_of(tokens.get(open[k])->getType()) == type) {
          facts.matched_brackets.push_back(open[k]);
          facts.matched_brackets.push_back(index);
          open.resize(k);
          break;
        }
      }
    }
    if (!too_deep && open.size() + minus_run > kMaxNesting) {
      diags.report(DiagId::LimitExceeded, at, "brackets, blocks and signs nest too deeply here",
                   std::to_string(kMaxNesting) + " levels open at once");
      too_deep = true;
    }
  }
  facts.unclosed_openers = std::move(open);
  return !too_deep;
}

}  // namespace

std::unique_ptr<ast::File> parse_file(const SourceManager& sources, FileId file, DiagEngine& diags) {
  std::unique_ptr<ast::File> out;
  std::vector<ast::Comment> comments;
  try {
    std::string_view bytes = sources.text(file);
    syntax::DecodedText decoded = syntax::decode_utf8(bytes);
    SourceText source(file, bytes, std::move(decoded.byte_offsets));
    CodePointStream input(std::move(decoded.code_points));
    AugLexer lexer(&input);
    antlr4::CommonTokenStream tokens(&lexer);
    auger_gen::AugParser parser(&tokens);
    syntax::SyntaxErrorReporting errors(source, diags, tokens);
    errors.install(lexer, parser);
    tokens.fill();

    ast::File lexed;
    syntax::TokenFacts facts;
    bool parseable = scan_tokens(tokens, source, diags, facts, lexed);
    comments = std::move(lexed.comments);
    if (parseable) {
      errors.set_token_facts(std::move(facts));
      out = syntax::build_ast(parser.file(), source, diags);
    }
  } catch (const std::exception& e) {
    diags.report(DiagId::InternalError, Span{file, 0, 0}, std::string("parser: ") + e.what());
  } catch (...) {
    diags.report(DiagId::InternalError, Span{file, 0, 0}, "parser: unknown exception");
  }
  if (!out) {
    out = std::make_unique<ast::File>();
    out->file = file;
  }
  out->comments = std::move(comments);
  return out;
}

}  // namespace auger
