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

namespace {

std::string shown(const nlohmann::ordered_json* v) {
  if (!v) return "none";
  std::string text = v->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  constexpr std::size_t kLongest = 80;  // a source's description or a long --set list: its start tells enough
  if (text.size() > kLongest) text = text.substr(0, kLongest - 3) + "...";
  return text;
}

}  // namespace

std::string identity_difference(const nlohmann::ordered_json& before, const nlohmann::ordered_json& now) {
  if (!before.is_object() || !now.is_object()) return "not an identity auger wrote";
  std::string out;
  auto add = [&](const std::string& key) {
    const auto b = before.find(key), n = now.find(key);
    const auto* bv = b == before.end() ? nullptr : &*b;
    const auto* nv = n == now.end() ? nullptr : &*n;
    if (bv && nv && *bv == *nv) return;
    out += (out.empty() ? "" : "; ") + key + ": " + shown(bv) + " before, " + shown(nv) + " now";
  };
  for (const auto& [key, value] : now.items()) add(key);
  for (const auto& [key, value] : before.items())
    if (!now.contains(key)) add(key);
  return out;
}

}  // namespace auger::engine::offline
