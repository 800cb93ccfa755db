// Which ahead-of-time kernels a policy may run, from the ops it can draw (`auger compile`).
#pragma once

#include <string>
#include <vector>

#include "runtime/fused/kernel_spec.h"

namespace auger::rt::fused {

// The catalog members (kernel_catalog.h) that the image ops `ops` can produce, by each op's kernel class: the
// heads its class may start and the steps it may add. A superset of what any sample of a policy with those ops
// runs; empty when no op runs on the fused path.
std::vector<KernelSpec> kernels_for_ops(const std::vector<std::string>& ops);

}  // namespace auger::rt::fused
