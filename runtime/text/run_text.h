// The text part of a sample's run: its text ops, in trace order, on its tokenised text fields. Each op draws
// from its statement site's stream (seed, epoch, sample key, site), as the sampler would.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "runtime/ops/trace.h"
#include "runtime/text/text_sample.h"

namespace auger::rt::text {

struct StreamKey {
  std::uint64_t seed = 0, epoch = 0;
  std::string key;  // the sample key
};

// Applies every text op of `trace` to each of its targets present in `fields`. Throws std::runtime_error for a
// text op without an implementation.
void run_text(const Trace& trace, const StreamKey& stream, std::map<std::string, TextSample>& fields);

}  // namespace auger::rt::text
