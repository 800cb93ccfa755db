// A run's identity: everything its output is a function of. A resumed run, and every process of one run, must
// have the same; the manifest records it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/offline/run_options.h"
#include "engine/policy_loader.h"
#include "runtime/exec/world.h"
#include "runtime/io/source.h"

namespace auger::engine::offline {

nlohmann::ordered_json run_identity(const OfflineOptions& o, const LoadedPolicy& lp, const rt::io::Source& source,
                                    const rt::exec::World& world);

// What differs between two identities, field by field, for a message: "seed: 1 before, 2 now; policy: \"train\"
// before, \"eval\" now" (long values shortened). A field only one of them has is named with `none` for the other.
std::string identity_difference(const nlohmann::ordered_json& before, const nlohmann::ordered_json& now);

}  // namespace auger::engine::offline
