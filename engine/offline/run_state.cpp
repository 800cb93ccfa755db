#include "engine/offline/run_state.h"

#include <fmt/format.h>

namespace auger::engine::offline {

fs::path journal_file(const fs::path& dir, int rank) {
  return state_dir(dir) / fmt::format("journal.r{}.jsonl", rank);
}

fs::path part_file(const fs::path& dir, int rank) {
  return state_dir(dir) / fmt::format("part.r{}.json", rank);
}

fs::path earlier_file(const fs::path& dir, int rank) {
  return state_dir(dir) / fmt::format("earlier.r{}.json", rank);
}

fs::path temp_file(const fs::path& dir, const std::string& name, int rank) {
  return state_dir(dir) / fmt::format("{}.r{}.tmp", name, rank);
}

std::vector<std::string> shard_files(const nlohmann::ordered_json& record) {
  std::vector<std::string> out;
  if (!record.is_object()) return out;
  if (const auto it = record.find("files"); it != record.end() && it->is_array()) {
    for (const auto& f : *it)
      if (f.is_string()) out.push_back(f.get<std::string>());
  } else if (const auto name = record.find("name"); name != record.end() && name->is_string()) {
    out.push_back(name->get<std::string>() + ".tar");
  }
  return out;
}

}  // namespace auger::engine::offline
