#include "engine/offline/shard_plan.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/translation_chunks.h"

namespace auger::engine::offline {

std::string shard_name(std::size_t j) {
  return fmt::format("shard-{:06}", j);
}

std::size_t samples_per_shard(const RunItems& items, SampleRunner& probe, std::uint64_t shard_samples,
                              std::uint64_t shard_bytes) {
  if (shard_samples) return shard_samples;
  Item item;
  std::uint64_t bytes = 0;
  const std::size_t probes = std::min<std::size_t>(items.size(), 16);
  // A back-translating policy's probes ask the translator in one batched request, not one each.
  TranslationChunks translation(probes, uses_translation(items.function()));
  for (std::size_t g = 0; g < probes && !bytes; ++g) {
    translation.before(g, [&](std::size_t q) { items.collect(probe, q); });
    items.make(probe, g, item);
    for (const auto& [name, b] : item.members) bytes += b.size() + 1024;  // + tar header and padding
  }
  return bytes ? std::max<std::size_t>(1, shard_bytes / bytes) : 1000;
}

ShardPlan plan_shards(std::size_t items, std::size_t per_shard, int rank, int world_size, const ShardRecords& done) {
  ShardPlan plan;
  plan.per_shard = per_shard;
  plan.shards = items ? (items + per_shard - 1) / per_shard : 0;
  for (std::size_t j = static_cast<std::size_t>(rank); j < plan.shards; j += static_cast<std::size_t>(world_size)) {
    const ShardJob job{j, j * per_shard, std::min(items, (j + 1) * per_shard)};
    plan.mine += job.end - job.first;
    if (!done.count(j)) plan.todo.push_back(job);
  }
  return plan;
}

}  // namespace auger::engine::offline
