#include "engine/offline/run_identity.h"

#include <filesystem>

#include "engine/translation_chunks.h"
#include "runtime/text/back_translation.h"

namespace auger::engine::offline {

nlohmann::ordered_json run_identity(const OfflineOptions& o, const LoadedPolicy& lp, const rt::io::Source& source,
                                    const rt::exec::World& world) {
  nlohmann::ordered_json id = {{"file", std::filesystem::path(o.file).filename().string()},
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
  // back_translate's texts are the translator's: a resumed run must ask the same one.
  if (uses_translation(lp.fn)) id["translator"] = rt::text::current_translator_id();
  return id;
}

}  // namespace auger::engine::offline
