// Walking a policy's elaborated statements (transform calls already expanded into `seq` statements).
#pragma once

#include <functional>
#include <vector>

#include "compiler/sema/program.h"

namespace auger::lint {

// Every statement, parents before children.
void for_each_stmt(const std::vector<ElabStmt>& body, const std::function<void(const ElabStmt&)>& fn);

// Every list of statements that run one after another in order: the policy's body, the body of each `seq`
// (a transform's body included) and of each `batch`. The children of `one_of`, `some_of` and `match` are
// alternatives or run in a random order, so they are not sequences.
void for_each_sequence(const std::vector<ElabStmt>& body, const std::function<void(const std::vector<ElabStmt>&)>& fn);

// The policy parameters an expression reads.
void params_read(const VExpr& e, std::vector<const ParamInfo*>& out);

}  // namespace auger::lint
