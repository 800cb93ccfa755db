// What an offline run (`auger run`) is asked to do: the options the engine acts on, parsed and checked by the
// command, and the outcome it hands back instead of printing or exiting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace auger::engine::offline {

struct OfflineOptions {
  std::string file, input, output, format = "webdataset", path = "fused", max_errors = "1%";
  std::vector<std::string> sets, disabled;
  std::uint64_t seed = 0, copies = 1, shard_samples = 0, shard_bytes = 256ull << 20, max_pixels = 178956970;
  int workers = 1;
  bool resume = false, force = false, shuffle = false, region_decode = true, scaled_decode = false;
  double metrics_interval = 10;
  std::string command;  // the whole command line, for the manifest
};

// How a phase ended: kUsage is the command's exit 2 (a refused folder, a bad option value), kFailed exit 3 (I/O,
// an unreadable source, more bad samples than --max-errors).
enum class Status { kOk, kUsage, kFailed };

struct Outcome {
  Status status = Status::kOk;
  std::string message;  // why, naming the offending path or option; empty when kOk
  [[nodiscard]] bool ok() const { return status == Status::kOk; }
};

// "25" (a count) or "1.5%" (of `items`). Throws std::invalid_argument naming --max-errors.
std::size_t error_limit(const std::string& text, std::size_t items);

}  // namespace auger::engine::offline
