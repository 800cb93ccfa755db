// add_noise's pink and brown noise (stdlib/std/prims_audio.aug states the formula): white noise of the op's stream
// through a recursive filter, per channel, after a warm-up on extra leading samples of the same stream.
#pragma once

#include <cstddef>
#include <cstdint>

namespace auger::rt::audio {

enum class NoiseColor { Pink, Brown };

// Leading white samples per channel that only warm the filter up (whole blocks of 16): after them the slowest
// state's variance is within 0.2 % of its stationary value, so the noise's first tenths of a second have their
// low end.
std::size_t noise_warmup(NoiseColor color);

// channels x n samples (channel-major) into out, which has room for 16 more: channel c filters white values
// [c (w + n), (c + 1) (w + n)) of the stream (w = noise_warmup) and keeps the last n outputs.
void coloured_noise(std::uint64_t seed, std::uint64_t hash, int channels, std::size_t n, NoiseColor color, float* out);

}  // namespace auger::rt::audio
