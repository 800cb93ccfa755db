// resample's sums, eight phases at a time (runtime/audio/resample.cpp runs every rate pair through it).
#pragma once

#include <cstddef>

#include "runtime/audio/sinc_kernel.h"

namespace auger::rt::audio {

// out[o] for o < out_len, o = j * next + i: the sum over phase i's taps j' (ascending) of its weight times the input
// padded with k.width zeros before, at j * orig + j'. One float accumulator per output, a product and an add per
// tap, in that order: the scalar loop's sums (and the Halide Polyphase kernel's) bit for bit. `padded` holds
// len + k.taps samples. `avx2` false takes the SSE loop even where the CPU has AVX2 (for the tests: the same bits).
void resample_lanes(const float* padded, const SincKernel& k, float* out, std::size_t out_len, bool avx2 = true);

}  // namespace auger::rt::audio
