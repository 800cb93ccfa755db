// Writing this process's shards: workers make items in a bounded ordered pool, one consumer writes them shard by
// shard (whole or not at all), journals each completed shard, counts bad samples against --max-errors and records
// metrics.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/offline/foreign_files.h"
#include "engine/offline/journal.h"
#include "engine/offline/run_observer.h"
#include "engine/offline/shard_plan.h"
#include "runtime/metrics/metrics.h"

namespace auger::engine::offline {

struct WriterSetup {
  std::string format;  // "webdataset" or "folder"
  std::filesystem::path dir;
  std::size_t max_errors = 0;
  std::string max_errors_text;  // as given, for the failure message
  double metrics_interval = 10;
  std::ostream* metrics_out = nullptr;  // JSON lines of metrics, or none
  int rank = 0;
  const ForeignFiles* foreign = nullptr;  // files auger must not replace (--force over a folder of other files)
};

struct PartResult {
  ShardRecords done;  // every complete shard of this process: the journal's and the new ones
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();  // complete shards' and the failing shard's
  std::size_t written = 0;    // samples in complete shards only: a discarded shard's never count
  std::size_t processed = 0;  // items taken from the pool by this run
  bool failed = false;
  std::string failure;
};

// Writes `plan.todo`, starting from the shards `done` already holds. Never throws for an I/O failure: it ends
// the part with failed and the reason (the path and the operating system's error).
PartResult write_shards(const RunItems& items, std::vector<std::unique_ptr<SampleRunner>>& runners,
                        const ShardPlan& plan, ShardRecords done, const WriterSetup& setup, Journal& journal,
                        rt::metrics::RunMetrics& metrics, RunObserver& observer);

}  // namespace auger::engine::offline
