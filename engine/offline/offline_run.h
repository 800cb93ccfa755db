// `auger run`'s engine: an offline run of a policy over a data set into shards (docs/runtime.md "Offline runs"),
// phase by phase — the source and the run's identity, the output folder's rules, the journal, the shard plan, the
// shards, this process's part manifest and, when every part is there, the merged manifest. Returns what happened;
// prints nothing and never exits.
#pragma once

#include <cstddef>
#include <filesystem>
#include <utility>
#include <ostream>
#include <string>

#include "compiler/sampling/policy_sampler.h"
#include "engine/offline/run_observer.h"
#include "engine/offline/run_options.h"
#include "engine/policy_loader.h"
#include "runtime/exec/world.h"
#include "runtime/metrics/metrics.h"

namespace auger::engine::offline {

struct RunResult {
  Outcome outcome;
  bool merged = false;  // this process found every part there and wrote DIR/manifest.json
  // The whole run's counts when merged, else this process's.
  std::size_t written = 0, items = 0, errors = 0;
  std::filesystem::path manifest;
};

// A run that stopped before writing anything: its outcome, no counts.
inline RunResult stopped(Outcome outcome) {
  RunResult r;
  r.outcome = std::move(outcome);
  return r;
}

RunResult run_offline(const OfflineOptions& o, const LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                      const rt::exec::World& world, rt::metrics::RunMetrics& metrics, std::ostream* metrics_out,
                      RunObserver& observer);

}  // namespace auger::engine::offline
