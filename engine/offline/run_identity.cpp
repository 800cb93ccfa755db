#include "engine/offline/run_identity.h"

#include <filesystem>

namespace auger::engine::offline {

nlohmann::ordered_json run_identity(const OfflineOptions& o, const LoadedPolicy& lp, const rt::io::Source& source,
                                    const rt::exec::World& world) {
  return {{"file", std::filesystem::path(o.file).filename().string()},
          {"file_sha256", lp.file_sha256},
          {"policy", lp.policy->name},
          {"set", o.sets},
          {"disable", o.disabled},
          {"seed", o.seed},
          {"copies", o.copies},
          {"shuffle", o.shuffle},
          {"path", o.path},
          {"scaled_decode", o.scaled_decode},
          {"format", o.format},
          {"source", source.describe()},
          {"samples", source.size()},
          {"shard_samples", o.shard_samples},
          {"shard_bytes", o.shard_samples ? 0 : o.shard_bytes},
          {"world_size", world.size}};
}

}  // namespace auger::engine::offline
