// The random draws of one statement of one sample: Philox keyed by the run's seed, with a counter made of the
// draw's index and a 64-bit hash of (epoch, sample key, statement site). Every draw is a pure function of
// (seed, epoch, sample key, site, draw index) — language.md §6 — so the worker count, the order of samples
// and the other statements (disabled or re-parameterised) never change it.
#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/random/philox.h"

namespace auger::rng {

// 64-bit hash of (epoch, sample key, site); length-prefixed so that ("ab", "c") and ("a", "bc") differ.
std::uint64_t stream_hash(std::uint64_t epoch, std::string_view sample_key, std::string_view site);

class DrawStream {
 public:
  DrawStream(std::uint64_t seed, std::uint64_t epoch, std::string_view sample_key, std::string_view site);

  // Four raw words of draw `index`, block `block` (a draw that needs more than four words uses more blocks).
  [[nodiscard]] PhiloxCounter block(std::uint32_t index, std::uint32_t block) const;

  // The distributions of language.md §5, each from its own draw index.
  [[nodiscard]] double uniform01(std::uint32_t index) const;                                        // [0, 1), 53 bits
  [[nodiscard]] double uniform(std::uint32_t index, double lo, double hi) const;                    // [lo, hi)
  [[nodiscard]] std::int64_t randint(std::uint32_t index, std::int64_t lo, std::int64_t hi) const;  // lo..hi
  [[nodiscard]] double normal(std::uint32_t index, double mean, double stddev) const;
  [[nodiscard]] double log_uniform(std::uint32_t index, double lo, double hi) const;
  [[nodiscard]] std::uint64_t choice(std::uint32_t index, std::uint64_t n) const;  // 0..n-1
  [[nodiscard]] bool coin(std::uint32_t index) const;                              // signed(x): the sign
  [[nodiscard]] bool bernoulli(std::uint32_t index, double p) const;               // @p(p)

 private:
  PhiloxKey key_;
  std::uint64_t hash_;
};

}  // namespace auger::rng
