#include "runtime/random/draw_stream.h"

#include <cmath>
#include <numbers>

namespace auger::rng {

namespace {

// MurmurHash3's finaliser: every input bit affects every output bit.
constexpr std::uint64_t fmix64(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDULL;
  k ^= k >> 33;
  k *= 0xC4CEB9FE1A85EC53ULL;
  k ^= k >> 33;
  return k;
}

struct Fnv1a {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  void byte(std::uint8_t b) {
    h ^= b;
    h *= 0x100000001B3ULL;
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void str(std::string_view s) {
    u64(s.size());
    for (char c : s) byte(static_cast<std::uint8_t>(c));
  }
};

std::uint64_t join(std::uint32_t hi, std::uint32_t lo) {
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

}  // namespace

std::uint64_t stream_hash(std::uint64_t epoch, std::string_view sample_key, std::string_view site) {
  Fnv1a f;
  f.u64(epoch);
  f.str(sample_key);
  f.str(site);
  return fmix64(f.h);
}

DrawStream::DrawStream(std::uint64_t seed, std::uint64_t epoch, std::string_view sample_key, std::string_view site)
    : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
      hash_(stream_hash(epoch, sample_key, site)) {}

PhiloxCounter DrawStream::block(std::uint32_t index, std::uint32_t block) const {
  return philox4x32_10({index, block, static_cast<std::uint32_t>(hash_), static_cast<std::uint32_t>(hash_ >> 32)},
                       key_);
}

double DrawStream::uniform01(std::uint32_t index) const {
  auto w = block(index, 0);
  return static_cast<double>(join(w[0], w[1]) >> 11) * 0x1.0p-53;
}

double DrawStream::uniform(std::uint32_t index, double lo, double hi) const {
  double v = lo + (hi - lo) * uniform01(index);
  return v < hi ? v : std::nextafter(hi, lo);  // rounding must not reach hi
}

std::int64_t DrawStream::randint(std::uint32_t index, std::int64_t lo, std::int64_t hi) const {
  if (hi <= lo) return lo;
  // Unbiased: reject the top partial range of 2^64 (almost never needed), two words per try.
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
  if (span == 0) {  // lo..hi is every int64
    auto w = block(index, 0);
    return static_cast<std::int64_t>(join(w[0], w[1]));
  }
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  for (std::uint32_t b = 0;; ++b) {
    auto w = block(index, b / 2);
    std::uint64_t x = (b % 2 == 0) ? join(w[0], w[1]) : join(w[2], w[3]);
    if (x < limit) return lo + static_cast<std::int64_t>(x % span);
  }
}

double DrawStream::normal(std::uint32_t index, double mean, double stddev) const {
  // Box–Muller on the draw's four words: u1 in (0, 1] keeps the log finite.
  auto w = block(index, 0);
  const double u1 = (static_cast<double>(join(w[0], w[1]) >> 11) + 1.0) * 0x1.0p-53;
  const double u2 = static_cast<double>(join(w[2], w[3]) >> 11) * 0x1.0p-53;
  return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double DrawStream::log_uniform(std::uint32_t index, double lo, double hi) const {
  return std::exp(uniform(index, std::log(lo), std::log(hi)));
}

std::uint64_t DrawStream::choice(std::uint32_t index, std::uint64_t n) const {
  if (n <= 1) return 0;
  return static_cast<std::uint64_t>(randint(index, 0, static_cast<std::int64_t>(n - 1)));
}

bool DrawStream::coin(std::uint32_t index) const {
  return (block(index, 0)[0] & 1U) != 0;
}

bool DrawStream::bernoulli(std::uint32_t index, double p) const {
  if (p >= 1) return true;
  if (p <= 0) return false;
  return uniform01(index) < p;
}

}  // namespace auger::rng
