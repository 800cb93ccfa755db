// The run's sample order, sharding, launcher detection and the ordered pool (runtime/exec).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <set>
#include <string>
#include <thread>

#include "runtime/exec/order.h"
#include "runtime/exec/ordered_pool.h"
#include "runtime/exec/world.h"

using namespace auger::rt::exec;

TEST_CASE("epoch_order: identity without shuffle, a seeded permutation with it") {
  OrderOptions o;
  auto plain = epoch_order(10, o);
  CHECK(plain == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  o.shuffle = true;
  auto a = epoch_order(1000, o), b = epoch_order(1000, o);
  CHECK(a == b);  // a pure function
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(sorted[i] == i);  // a permutation
  CHECK(a != epoch_order(1000, {}));
  o.epoch = 1;
  CHECK(epoch_order(1000, o) != a);  // another epoch, another order
  o.epoch = 0;
  o.seed = 7;
  CHECK(epoch_order(1000, o) != a);  // another seed too
}

TEST_CASE("epoch_order: DistributedSampler's sharding — equal counts, disjoint, covering") {
  for (std::size_t n : {0u, 1u, 7u, 10u, 101u}) {
    for (int world : {1, 2, 3, 4}) {
      for (bool drop : {false, true}) {
        OrderOptions o;
        o.shuffle = true;
        o.seed = 3;
        o.world_size = world;
        o.drop_last = drop;
        std::multiset<std::size_t> seen;
        std::size_t count = 0;
        for (int r = 0; r < world; ++r) {
          o.rank = r;
          const auto mine = epoch_order(n, o);
          if (r == 0) count = mine.size();
          CHECK(mine.size() == count);  // every rank the same number of samples
          seen.insert(mine.begin(), mine.end());
        }
        const std::size_t expect = drop ? n / world * world : (n + world - 1) / world * world;
        CHECK(seen.size() == expect);
        if (!drop) {
          std::set<std::size_t> distinct(seen.begin(), seen.end());
          CHECK(distinct.size() == n);  // every sample somewhere; padding repeats the first ones
        } else {
          std::set<std::size_t> distinct(seen.begin(), seen.end());
          CHECK(distinct.size() == seen.size());  // disjoint
        }
      }
    }
  }
  OrderOptions bad;
  bad.rank = 2;
  bad.world_size = 2;
  CHECK_THROWS_AS((void)epoch_order(5, bad), std::invalid_argument);
}

// The message a bad --shard or launcher variable throws.
static std::string shard_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("world: a bad --shard names the number that is wrong and what it must be") {
  CHECK(shard_error([] { (void)parse_shard("0/0"); }) == "--shard 0/0: n must be a process count, 1 or more (got `0`)");
  CHECK(shard_error([] { (void)parse_shard("-1/2"); }) == "--shard -1/2: i must be a rank in 0..1 (got `-1`)");
  CHECK(shard_error([] { (void)parse_shard("4/4"); }) == "--shard 4/4: i must be a rank in 0..3 (got `4`)");
  CHECK(shard_error([] { (void)parse_shard("0/x"); }) == "--shard 0/x: n must be a process count, 1 or more (got `x`)");
  setenv("WORLD_SIZE", "4", 1);
  setenv("RANK", "4", 1);
  CHECK(shard_error([] { (void)world_from_environment(); }) == "torchrun: RANK must be a rank in 0..3 (got `4`)");
  unsetenv("RANK");
  unsetenv("WORLD_SIZE");
}

TEST_CASE("world: --shard and the launchers' variables") {
  CHECK(parse_shard("1/4").rank == 1);
  CHECK(parse_shard("1/4").size == 4);
  CHECK_THROWS_AS(parse_shard("4/4"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("x/4"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("3"), std::invalid_argument);
  for (const char* v : {"RANK", "WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMI_SIZE",
                        "SLURM_PROCID", "SLURM_NTASKS"})
    unsetenv(v);
  CHECK(world_from_environment().size == 1);
  setenv("SLURM_PROCID", "2", 1);
  setenv("SLURM_NTASKS", "3", 1);
  CHECK(world_from_environment().from == "slurm");
  CHECK(world_from_environment().rank == 2);
  setenv("OMPI_COMM_WORLD_RANK", "1", 1);
  setenv("OMPI_COMM_WORLD_SIZE", "2", 1);
  CHECK(world_from_environment().from == "openmpi");  // MPI's own variables before Slurm's
  setenv("RANK", "0", 1);
  setenv("WORLD_SIZE", "8", 1);
  CHECK(world_from_environment().from == "torchrun");
  CHECK(world_from_environment().size == 8);
  setenv("RANK", "9", 1);
  CHECK_THROWS_AS(world_from_environment(), std::invalid_argument);
  for (const char* v :
       {"RANK", "WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "SLURM_PROCID", "SLURM_NTASKS"})
    unsetenv(v);
}

TEST_CASE("ordered pool: in order whatever the workers, bounded by its window") {
  for (int workers : {1, 2, 5}) {
    std::atomic<std::size_t> in_flight{0}, peak{0};
    std::atomic<std::size_t> taken{0};
    std::atomic<bool> ahead{false};
    const std::size_t window = 3;
    OrderedPool<std::vector<int>> pool(workers, window, 10, 210, [&](std::size_t p, int, std::vector<int>& out) {
      const std::size_t now = ++in_flight;
      std::size_t prev = peak.load();
      while (now > prev && !peak.compare_exchange_weak(prev, now)) {
      }
      // Never more than `window` ahead of what the consumer took (`taken` lags the pool's count by one at most).
      if (p > 10 + taken.load() + window) ahead = true;
      std::this_thread::sleep_for(std::chrono::microseconds((p * 7919) % 300));
      out.assign(3, static_cast<int>(p));
      --in_flight;
    });
    std::vector<int> item;
    for (std::size_t p = 10; p < 210; ++p) {
      REQUIRE(pool.next(item));
      CHECK(item == std::vector<int>(3, static_cast<int>(p)));
      ++taken;
    }
    CHECK_FALSE(pool.next(item));
    CHECK(peak.load() <= window);
    CHECK_FALSE(ahead.load());
  }
}

TEST_CASE("ordered pool: a worker's exception reaches the consumer") {
  OrderedPool<int> pool(2, 4, 0, 100, [](std::size_t p, int, int& out) {
    if (p == 5) throw std::runtime_error("boom");
    out = static_cast<int>(p);
  });
  int v = 0;
  bool threw = false;
  try {
    while (pool.next(v)) {
    }
  } catch (const std::runtime_error& e) {
    threw = std::string(e.what()) == "boom";
  }
  CHECK(threw);
}
