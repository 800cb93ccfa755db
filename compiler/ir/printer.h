// The IR as text: what `auger explain --emit ir` shows, what auger-opt reads and writes, what lit tests check.
#pragma once

#include <string>

#include "compiler/ir/ir.h"

namespace auger::ir {

// Stable, line-oriented text (the format is described at the top of printer.cpp); parse() reads it back.
std::string print(const Function& f);

// The text of one node's own line (no children, no indentation): "0: hflip() on image : … @p(0.5)". `arm`: the
// value of the `match` arm the node is, if it is one.
std::string node_line(const Node& n, const std::string& arm = "");

}  // namespace auger::ir
