// The items of an offline run: item g is copy g / N (drawn as epoch g / N) of the sample at position g % N of that
// copy's order, written under its safe output key. A sample whose key is refused (engine/output_key.h) is an
// error item and is never read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/output_key.h"
#include "engine/run_output.h"
#include "engine/sample_runner.h"

namespace auger::engine::offline {

struct Item {
  ProcessedSample sample;
  Members members;  // empty when the sample has an error
  std::string out_key;
};

class RunItems {
 public:
  RunItems(const ir::Function& fn, const rt::io::Source& source, std::vector<SafeKey> keys, std::uint64_t seed,
           std::uint64_t copies, bool shuffle);
  [[nodiscard]] std::size_t size() const { return samples_ * copies_; }
  // Processes and encodes item `g` into `item` (its buffers reused). Never throws: errors go to item.sample.error.
  void make(SampleRunner& runner, std::size_t g, Item& item) const;
  // Runs item `g`'s sample and drops the result: how TranslationChunks collects its translation misses.
  void collect(SampleRunner& runner, std::size_t g) const;
  [[nodiscard]] const ir::Function& function() const { return fn_; }

 private:
  const ir::Function& fn_;
  const rt::io::Source& source_;
  std::vector<SafeKey> keys_;
  std::size_t samples_;
  std::uint64_t copies_;
  std::vector<std::vector<std::size_t>> orders_;  // per copy, the source positions in write order
};

}  // namespace auger::engine::offline
