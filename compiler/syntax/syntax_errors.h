// Friendly syntax errors: an ANTLR error strategy that words messages for people ("expected `)`, found
// `{`") and a listener that sends them to the DiagEngine, one per statement. Internal to compiler/syntax:
// only forward declarations of ANTLR classes appear here.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "compiler/diag/diag_engine.h"
#include "compiler/syntax/lexical.h"

namespace antlr4 {
class Lexer;
class Parser;
class BufferedTokenStream;
}  // namespace antlr4

namespace auger::syntax {

// What the error reporting needs to know about the token stream before parsing starts.
struct TokenFacts {
  std::vector<std::size_t> unclosed_openers;      // token indices of `(`/`[`/`{` never closed, outermost first
  std::vector<std::size_t> unterminated_strings;  // token indices of UNTERMINATED_STRING tokens
  std::vector<std::size_t> matched_brackets;      // token indices of brackets that have their partner
};

class SyntaxErrorReporting {
 public:
  SyntaxErrorReporting(const SourceText& source, DiagEngine& diags, antlr4::BufferedTokenStream& tokens);
  ~SyntaxErrorReporting();
  SyntaxErrorReporting(const SyntaxErrorReporting&) = delete;
  SyntaxErrorReporting& operator=(const SyntaxErrorReporting&) = delete;

  // Replaces the console listeners and the default strategy; this object must outlive the parse.
  void install(antlr4::Lexer& lexer, antlr4::Parser& parser);
  // Called once the token stream is filled, before parsing.
  void set_token_facts(TokenFacts facts);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace auger::syntax
