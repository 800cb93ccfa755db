// Which items go in which shard, and which shards this process writes. Shard j holds items [j*S, (j+1)*S); S is
// --shard-samples, or as many samples as fit --shard-bytes judging by the first item that encodes (the same in
// every process: it depends on the run's identity alone). Process r of n writes the shards j with j % n == r.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/offline/journal.h"
#include "engine/offline/run_items.h"

namespace auger::engine::offline {

struct ShardJob {
  std::size_t index, first, end;  // shard j and its items [first, end)
};

struct ShardPlan {
  std::size_t per_shard = 0, shards = 0;
  std::size_t mine = 0;        // items of this process's shards, completed ones included
  std::vector<ShardJob> todo;  // this process's shards not yet complete, in order
};

// Samples per shard: `shard_samples`, or judged by the first of up to 16 items that encodes.
std::size_t samples_per_shard(const RunItems& items, SampleRunner& probe, std::uint64_t shard_samples,
                              std::uint64_t shard_bytes);

// Shard j's name: "shard-000012" (a tar is NAME.tar).
std::string shard_name(std::size_t j);

ShardPlan plan_shards(std::size_t items, std::size_t per_shard, int rank, int world_size, const ShardRecords& done);

}  // namespace auger::engine::offline
