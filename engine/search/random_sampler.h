// `--strategy random`: each trial draws every parameter uniformly from its domain (ints and choices: each value
// equally likely; floats: uniform on the interval), from a generator seeded by --seed, so a seed gives the same
// trials on every machine (no std:: distribution, whose algorithm is the library's choice).
#pragma once

#include <cstdint>

#include "engine/search/search_space.h"

namespace auger::engine::search {

class RandomSampler {
 public:
  explicit RandomSampler(std::uint64_t seed) : state_(seed) {}
  Bindings next(const SearchSpace& space);

 private:
  std::uint64_t next_u64();
  double next_unit();                         // [0, 1)
  std::uint64_t next_below(std::uint64_t n);  // [0, n), unbiased
  std::uint64_t state_;
};

}  // namespace auger::engine::search
