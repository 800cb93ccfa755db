// The fusion plan for users (`auger explain --emit plan`): which statements became which kernel and why each
// kernel ends where it does, how choices are planned, and the decode ROI of the first geometric stage.
#pragma once

#include <string>

#include "compiler/ir/ir.h"

namespace auger::ir {

// Reads a planned function (after the pipeline); an unplanned one shows its statements without kernels.
std::string render_plan(const Function& f);

}  // namespace auger::ir
