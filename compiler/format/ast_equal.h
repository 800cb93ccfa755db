// Whether two parsed files say the same thing: the same declarations, statements, arguments and values in the
// same order, and the same comments, whatever their spans. The formatter checks its output with it.
#pragma once

#include <string>

#include "compiler/syntax/ast.h"

namespace auger::format {

// Empty when equal; otherwise where they first differ ("policy train, statement 3: callee").
std::string ast_difference(const ast::File& a, const ast::File& b);

}  // namespace auger::format
