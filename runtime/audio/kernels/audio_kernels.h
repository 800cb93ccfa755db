// The audio ops' element-wise work through the Halide kernels of audio_pipelines.h: the ones compiled ahead of
// time at build time when the build's target is this host's, else the same pipelines compiled here once (as the
// image kernels fall back). Vectorised: the per-sample loops of add_noise were most of the feature pipeline's time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace auger::rt::audio::kernels {

// n samples of add_noise's white noise: sample 4k + j from Philox block k of key {seed, seed >> 32} and counter
// {k, 0, hash, hash >> 32} (audio_pipelines.h's WhiteNoise).
void white_noise(std::uint64_t seed, std::uint64_t hash, float* out, std::size_t n);
// The sum of x[i]^2 in f64 (16 lanes, then their sum and the tail's).
double sum_squares(const float* x, std::size_t n);
// x[i] += f32(k * noise[i]).
void mix(float* x, const float* noise, std::size_t n, double k);

}  // namespace auger::rt::audio::kernels
