#include "runtime/ops/reference/families.h"

namespace auger::rt {

std::vector<ImageOp> geometric_ops() { return {}; }

}  // namespace auger::rt
