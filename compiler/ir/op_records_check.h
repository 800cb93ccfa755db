// The stdlib's `op` declarations against the runtime's op records (runtime/ops/op_record.h): every declaration has
// exactly one record and every record a declaration. Checked when a policy is loaded (engine/policy_loader.cpp),
// so a stdlib and a binary that disagree are refused before anything runs.
#pragma once

#include <string>
#include <vector>

#include "compiler/sema/program.h"

namespace auger::ir {

// One line per disagreement ("op `x` is declared in the prelude but auger has no record of it"); empty when none.
std::vector<std::string> op_record_mismatches(const std::vector<const OpInfo*>& declared);

}  // namespace auger::ir
