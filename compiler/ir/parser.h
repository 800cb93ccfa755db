// Reads the IR text that printer.cpp writes back into a Function (auger-opt's input; round trips exactly).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "compiler/ir/ir.h"

namespace auger::ir {

// nullopt on a syntax error, described in `error` as "line N: …". Op declarations (Node::info) stay null and
// nodes have no spans: IR text has no source file. Node::kernel is set from the kernels block.
std::optional<Function> parse(std::string_view text, std::string& error);

}  // namespace auger::ir
