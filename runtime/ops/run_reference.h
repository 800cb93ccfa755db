// The reference path: runs a sample's resolved ops one by one with the reference implementations.
#pragma once

#include <map>
#include <string>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt {

// Applies every image op of `trace` to each of its targets present in `images` (by field name), in order.
// Audio ops are skipped (runtime/audio/run_audio runs them). Throws std::runtime_error for an image op without a
// reference implementation.
void run_reference(const Trace& trace, std::map<std::string, Image>& images);

}  // namespace auger::rt
