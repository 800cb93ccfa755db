#include "engine/search/random_sampler.h"

#include <cmath>

namespace auger::engine::search {

// SplitMix64: small, fast, and its output is fixed by its definition.
std::uint64_t RandomSampler::next_u64() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double RandomSampler::next_unit() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::uint64_t RandomSampler::next_below(std::uint64_t n) {
  if (n <= 1) return 0;
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // rejection keeps every value equally likely
  std::uint64_t x = next_u64();
  while (x >= limit) x = next_u64();
  return x % n;
}

Bindings RandomSampler::next(const SearchSpace& space) {
  Bindings out;
  for (const auto& p : space.params) {
    switch (p.kind) {
      case SearchParam::Kind::Choice: out.push_back(choice_binding(p, next_below(p.choices.size()))); break;
      case SearchParam::Kind::Int: {
        const auto n = static_cast<std::uint64_t>(p.hi - p.lo) + 1;
        out.push_back(number_binding(p, p.lo + static_cast<double>(next_below(n))));
        break;
      }
      case SearchParam::Kind::Float: out.push_back(number_binding(p, p.lo + next_unit() * (p.hi - p.lo))); break;
    }
  }
  return out;
}

}  // namespace auger::engine::search
