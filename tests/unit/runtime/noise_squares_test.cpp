// runtime/audio/kernels: white_noise_squares makes white_noise's samples chunk by chunk and sums their squares.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/random/draw_stream.h"

using namespace auger::rt::audio;

TEST_CASE("audio kernels: white noise with its sum of squares, across chunk boundaries") {
  const std::uint64_t hash = auger::rng::stream_hash(0, "", "noise");
  for (std::size_t n : {std::size_t{3}, std::size_t{32768}, std::size_t{100003}}) {
    CAPTURE(n);
    std::vector<float> fused(n), plain(n);
    const double squares = kernels::white_noise_squares(42, hash, fused.data(), n);
    kernels::white_noise(42, hash, plain.data(), n);
    CHECK(std::equal(fused.begin(), fused.end(), plain.begin()));
    CHECK(squares == doctest::Approx(kernels::sum_squares(plain.data(), n)).epsilon(1e-12));
  }
}
