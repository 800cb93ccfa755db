// Parses one file into the AST. Syntax errors go to the DiagEngine (E01xx), several per file, with recovery;
// the returned AST holds every declaration that could be built. Never throws on bad input.
#pragma once

#include <memory>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diag_engine.h"
#include "compiler/syntax/ast.h"

namespace auger {

std::unique_ptr<ast::File> parse_file(const SourceManager& sources, FileId file, DiagEngine& diags);

}  // namespace auger
