// Each process's journal of completed shards (DIR/.auger/journal.rR.jsonl): a header line with the run's identity,
// then one line per shard as it completes. `--resume` keeps the shards it lists (and whose files exist).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

namespace auger::engine::offline {

using ShardRecords = std::map<std::size_t, nlohmann::ordered_json>;

// The shards process `rank` completed in this run (same identity), whose files are all there. A line cut by a
// kill is skipped: that shard is redone.
ShardRecords read_journal(const std::filesystem::path& dir, int rank, const nlohmann::ordered_json& identity);

class Journal {
 public:
  // Opens process `rank`'s journal; `fresh` starts it over with the identity's header. Throws IoError.
  Journal(const std::filesystem::path& dir, int rank, const nlohmann::ordered_json& identity, bool fresh);
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();
  // Appends a completed shard's record. Throws IoError.
  void append(const nlohmann::ordered_json& record);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace auger::engine::offline
