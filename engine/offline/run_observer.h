// What an offline run tells its caller as it goes (the command draws a progress line from it); the engine itself
// prints nothing.
#pragma once

#include <cstddef>
#include <string>

#include "engine/sample_runner.h"

namespace auger::engine::offline {

struct RunPlanInfo {
  std::size_t shards = 0, per_shard = 0;
  std::size_t mine = 0;     // items of this process's shards
  std::size_t resumed = 0;  // shards already complete (--resume)
  std::string source;       // the source's description
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void planned(const RunPlanInfo& /*plan*/) {}
  // A bad sample (unreadable, refused key, …); `errors` counts this process's so far.
  virtual void sample_failed(const ProcessedSample& /*s*/, std::size_t /*errors*/) {}
  // `done` of this process's items so far, `errors` of them bad.
  virtual void progress(std::size_t /*done*/, std::size_t /*errors*/) {}
};

}  // namespace auger::engine::offline
