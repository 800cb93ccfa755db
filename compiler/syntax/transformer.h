// The hand-written parse tree → AST transformer: one function per grammar rule, typed results.
// Internal to compiler/syntax; the tree is passed as its ANTLR base class, forward-declared.
#pragma once

#include <memory>

#include "compiler/diag/diag_engine.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/lexical.h"

namespace antlr4 {
class ParserRuleContext;
}  // namespace antlr4

namespace auger::syntax {

// `file` is the result of AugParser::file(), possibly partial after error recovery: every child may be
// missing. Pieces that could not be read become empty names (a syntax error was already reported).
std::unique_ptr<ast::File> build_ast(antlr4::ParserRuleContext* file, const SourceText& source, DiagEngine& diags);

}  // namespace auger::syntax
