#include "runtime/ops/reference/families.h"

namespace auger::rt {

std::vector<BatchOp> batch_ops() { return {}; }

}  // namespace auger::rt
