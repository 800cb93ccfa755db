// The sampler: Philox-4x32-10 against the Random123 known-answer vectors, the stream's identity
// (seed, epoch, sample key, site, draw index), and the distributions' ranges and shapes.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "runtime/random/draw_stream.h"
#include "runtime/random/philox.h"

using namespace auger::rng;

namespace {

// Pearson's chi-square statistic of observed counts against a uniform expectation.
double chi_square(const std::vector<int>& counts, int total) {
  const double expected = static_cast<double>(total) / static_cast<double>(counts.size());
  double x2 = 0;
  for (int c : counts) x2 += (c - expected) * (c - expected) / expected;
  return x2;
}

}  // namespace

TEST_CASE("philox4x32-10 reproduces the Random123 known-answer vectors") {
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) == PhiloxCounter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        PhiloxCounter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("a draw is a pure function of (seed, epoch, sample key, site, draw index)") {
  DrawStream a(7, 0, "n01440764_10026", "2");
  DrawStream same(7, 0, "n01440764_10026", "2");
  for (std::uint32_t i = 0; i < 16; ++i) CHECK(a.block(i, 0) == same.block(i, 0));
  // Each coordinate changes the draws.
  CHECK(a.block(0, 0) != DrawStream(8, 0, "n01440764_10026", "2").block(0, 0));
  CHECK(a.block(0, 0) != DrawStream(7, 1, "n01440764_10026", "2").block(0, 0));
  CHECK(a.block(0, 0) != DrawStream(7, 0, "n01440764_10027", "2").block(0, 0));
  CHECK(a.block(0, 0) != DrawStream(7, 0, "n01440764_10026", "3").block(0, 0));
  CHECK(a.block(0, 0) != a.block(1, 0));
  CHECK(a.block(0, 0) != a.block(0, 1));
  // Length-prefixed hashing: moving characters between key and site is a different stream.
  CHECK(stream_hash(0, "ab", "c") != stream_hash(0, "a", "bc"));
  // Seeds differing only in their high half are different keys.
  CHECK(DrawStream(1, 0, "k", "s").block(0, 0) != DrawStream(1 + (1ULL << 32), 0, "k", "s").block(0, 0));
}

TEST_CASE("uniform, randint, choice and coin stay in range and are uniform (chi-square, p > 0.001)") {
  DrawStream s(42, 3, "sample", "site");
  constexpr int kDraws = 20000;
  std::vector<int> u_bins(10), r_bins(7), c_bins(5);
  int heads = 0;
  for (std::uint32_t i = 0; i < kDraws; ++i) {
    double u = s.uniform(i, -2.0, 3.0);
    REQUIRE(u >= -2.0);
    REQUIRE(u < 3.0);
    u_bins[static_cast<std::size_t>((u + 2.0) / 0.5)]++;
    auto r = s.randint(i, -3, 3);
    REQUIRE(r >= -3);
    REQUIRE(r <= 3);
    r_bins[static_cast<std::size_t>(r + 3)]++;
    c_bins[s.choice(i, 5)]++;
    heads += s.coin(i) ? 1 : 0;
  }
  // Critical values of chi-square at p = 0.001: df 9 → 27.88, df 6 → 22.46, df 4 → 18.47.
  CHECK(chi_square(u_bins, kDraws) < 27.88);
  CHECK(chi_square(r_bins, kDraws) < 22.46);
  CHECK(chi_square(c_bins, kDraws) < 18.47);
  CHECK(std::abs(heads - kDraws / 2) < 4 * std::sqrt(kDraws / 4.0));
  CHECK(s.randint(0, 5, 5) == 5);
  CHECK(s.choice(0, 1) == 0);
}

TEST_CASE("normal, log_uniform and bernoulli have the right moments and supports") {
  DrawStream s(1, 0, "k", "normal");
  constexpr int kDraws = 20000;
  double sum = 0, sum2 = 0;
  int hits = 0;
  for (std::uint32_t i = 0; i < kDraws; ++i) {
    double x = s.normal(i, 2.0, 0.5);
    REQUIRE(std::isfinite(x));
    sum += x;
    sum2 += x * x;
    double l = s.log_uniform(i, 0.1, 10.0);
    REQUIRE(l >= 0.1 * (1 - 1e-12));
    REQUIRE(l < 10.0);
    hits += s.bernoulli(i, 0.25) ? 1 : 0;
  }
  const double mean = sum / kDraws, var = sum2 / kDraws - mean * mean;
  CHECK(mean == doctest::Approx(2.0).epsilon(0.01));
  CHECK(std::sqrt(var) == doctest::Approx(0.5).epsilon(0.03));
  CHECK(std::abs(hits - kDraws / 4) < 4 * std::sqrt(kDraws * 0.25 * 0.75));
  CHECK(s.bernoulli(0, 1.0));
  CHECK_FALSE(s.bernoulli(0, 0.0));
}
