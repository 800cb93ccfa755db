#include "runtime/ops/reference/families.h"

namespace auger::rt {

std::vector<ImageOp> pixel_ops() { return {}; }

}  // namespace auger::rt
