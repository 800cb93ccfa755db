// back_translate's requests batched over a chunk of samples (docs/text.md "Batched translation"). Before a worker
// runs the first sample of a chunk, the chunk's samples are run once with cache misses collected instead of sent
// (each sample stops at its first miss), the misses go to the translator in requests of up to 64 texts, and the
// samples then run for real, their round trips found in memory or the disk cache. `auger run` and the Loader use it;
// a policy without back_translate skips it.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>

#include "compiler/ir/ir.h"

namespace auger::engine {

// Whether the policy has a back_translate statement.
bool uses_translation(const ir::Function& fn);

class TranslationChunks {
 public:
  // `items` positions in chunks of `chunk`; inactive: before() does nothing.
  TranslationChunks(std::size_t items, bool active, std::size_t chunk = 64);

  // Call before position `i` runs. The first caller for i's chunk calls `collect(j)` for every position j of the
  // chunk with this thread's misses collected, sends them in batches, and repeats for the misses the results
  // uncover (a second back_translate after the first), at most kRounds times; other callers for the chunk wait.
  // A request that fails or times out is the error of its texts' samples.
  void before(std::size_t i, const std::function<void(std::size_t)>& collect);

  static constexpr int kRounds = 4;

 private:
  std::size_t items_, chunk_;
  bool active_;
  std::unique_ptr<std::once_flag[]> once_;
};

}  // namespace auger::engine
