// The files an offline run keeps for itself in DIR/.auger/: its identity (run.json), each process's journal of
// completed shards (journal.rR.jsonl) and part manifest (part.rR.json), and the files an earlier run in the folder
// wrote that this run may have to remove (earlier.rR.json).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace auger::engine::offline {

namespace fs = std::filesystem;

inline fs::path state_dir(const fs::path& dir) {
  return dir / ".auger";
}
inline fs::path run_file(const fs::path& dir) {
  return state_dir(dir) / "run.json";
}
fs::path journal_file(const fs::path& dir, int rank);
fs::path part_file(const fs::path& dir, int rank);
fs::path earlier_file(const fs::path& dir, int rank);
// A temporary name in .auger for `name`, unique to the process of `rank` (two processes may write at once).
fs::path temp_file(const fs::path& dir, const std::string& name, int rank);

// The files (relative to DIR) a shard record lists: "files" for the folder format, else NAME.tar.
std::vector<std::string> shard_files(const nlohmann::ordered_json& record);

}  // namespace auger::engine::offline
