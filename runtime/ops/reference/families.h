// The reference implementations, one file per op family; registry.cpp joins them.
#pragma once

#include <vector>

#include "runtime/ops/image_op.h"

namespace auger::rt {

std::vector<ImageOp> geometric_ops();  // ops.md §1 (geometric.cpp)
std::vector<ImageOp> pixel_ops();      // ops.md §2 (pixel.cpp)
std::vector<BatchOp> batch_ops();      // ops.md §3 (batch.cpp)

}  // namespace auger::rt
