// The order in which a run visits its samples: a pure function of (seed, epoch, shuffle, rank, world size), so every
// worker count, restart and machine sees the same sequence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace auger::rt::exec {

struct OrderOptions {
  std::uint64_t seed = 0;
  std::uint64_t epoch = 0;
  bool shuffle = false;
  int rank = 0, world_size = 1;
  // torch's DistributedSampler: without drop_last the order is padded (wrapping around) to a multiple of the
  // world size so that every rank gets the same count; with it the tail is dropped.
  bool drop_last = false;
};

// The source indices rank `rank` visits in epoch `epoch`, in order: the permutation of 0..n-1 (a Fisher–Yates
// shuffle on the Philox stream of (seed, epoch), or the identity), padded or cut to a multiple of the world size,
// then every world_size-th element starting at rank — DistributedSampler's layout.
std::vector<std::size_t> epoch_order(std::size_t n, const OrderOptions& o);

}  // namespace auger::rt::exec
