// From a checked policy to its IR: one node per elaborated statement.
#pragma once

#include <map>
#include <string>

#include "compiler/ir/ir.h"
#include "compiler/sema/value.h"

namespace auger {
class SourceManager;
}

namespace auger::ir {

// Builds the IR of a policy that checked without errors. `overrides` replace parameter defaults (`--set`; see
// param_values.h for parsing and checking them). With `sources`, every node records the line a user reads for
// it (Node::line).
Function build_ir(const PolicyInfo& policy, const std::map<std::string, Value>& overrides = {},
                  const SourceManager* sources = nullptr);

}  // namespace auger::ir
