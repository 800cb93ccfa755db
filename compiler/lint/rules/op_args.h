// Shared by the rules that judge one argument of one op (AUG101, AUG102, AUG104).
#pragma once

#include <functional>
#include <string>

#include "compiler/lint/context.h"

namespace auger::lint::rules {

// Calls `fn` for every statement of op `op` whose argument `param` the user wrote, in the user's files.
void for_each_given_arg(LintContext& ctx, const std::string& op, const std::string& param,
                        const std::function<void(const ElabStmt&, const BoundArg&)>& fn);

}  // namespace auger::lint::rules
