// Structural checks of the IR: what every pass must keep true. A failure after a pass is a bug in auger, not in
// the user's policy.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace auger::ir {

// Each problem as one line naming the site ("site 2.0.3: …"); empty when the function is well formed.
std::vector<std::string> verify(const Function& f);

}  // namespace auger::ir
