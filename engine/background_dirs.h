// Bind-time check of `add_background`'s folders (its op doc: "an empty or unreadable `dir` is a bind-time error"):
// every folder a bound policy names is listed once, before any sample runs, so a wrong path fails the command
// instead of every sample.
#pragma once

#include <string>

#include "compiler/ir/ir.h"

namespace auger::engine {

// Lists each `add_background` statement's `dir` (a literal or a bound parameter). Empty when every folder holds
// recordings, else why not, naming the statement's line.
std::string check_background_dirs(const ir::Function& fn);

}  // namespace auger::engine
