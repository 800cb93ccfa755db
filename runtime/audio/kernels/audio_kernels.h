// The audio ops' element-wise work through the Halide kernels of audio_pipelines.h: the ones compiled ahead of
// time at build time when the build's target is this host's, else the same pipelines compiled here once (as the
// image kernels fall back). Vectorised: the per-sample loops of add_noise were most of the feature pipeline's time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace auger::rt::audio::kernels {

// n samples of add_noise's white noise: sample 4k + j from Philox block k of key {seed, seed >> 32} and counter
// {k, 0, hash, hash >> 32} (audio_pipelines.h's WhiteNoise).
void white_noise(std::uint64_t seed, std::uint64_t hash, float* out, std::size_t n);
// The same noise, returning the sum of its squares (as sum_squares, chunk by chunk), each chunk summed as soon as it
// is made, while it is still in cache.
double white_noise_squares(std::uint64_t seed, std::uint64_t hash, float* out, std::size_t n);
// The sum of x[i]^2 in f64 (16 lanes, then their sum and the tail's).
double sum_squares(const float* x, std::size_t n);
// x[i] += f32(k * noise[i]).
void mix(float* x, const float* noise, std::size_t n, double k);

// x[i] *= k (f32).
void scale(float* x, std::size_t n, float k);

// out[i] = x[i] * k (f32; the same kernel, into another buffer).
void scale_into(const float* x, std::size_t n, float k, float* out);

// Coloured noise's recurrence bank over `blocks` blocks of 16 samples (audio_pipelines.h's IirStates and
// IirOutput). iir_states: x holds 16 (blocks - 1) samples, `w` 8 x 16 and `a` 8 floats; writes the states at the
// start of each block, states[8 b + i]. iir_output: x[-1 .. 16 (first + count)) readable, `m` 17 x 16 and `p` 8 x 16
// floats (row-major as m(j, r) at [r * 16 + j]); writes blocks [first, first + count) to out[16 (b - first) + j].
void iir_states(const float* x, std::size_t blocks, const float* w, const float* a, float* states);
void iir_output(const float* x, const float* m, const float* p, const float* states, std::size_t first,
                std::size_t count, float* out);

// melspec's filter bank (and log) over power spectra 16 frames a block (audio_pipelines.h's MelBank): `power` holds
// blocks x bins x 16 floats (bin k of frame 16 b + l at (b * bins + k) * 16 + l; bins >= every first[m] + width),
// `weights` n_mels x width, `first` n_mels; writes out[m * 16 blocks + t] for t < 16 blocks.
void mel_bank(const float* power, std::size_t blocks, std::size_t bins, const float* weights, std::size_t width,
              const std::int32_t* first, int n_mels, bool log, float* out);

// The phase vocoder's per-bin steps over n bins (audio_pipelines.h's Polar and Vocode); arrays 64-byte aligned.
void polar(const float* bins, std::size_t n, float* mag, float* re, float* im);  // bins: n (re, im) pairs
void vocode(const float* mag0, const float* re0, const float* im0, const float* mag1, const float* re1,
            const float* im1, const float* acc_re, const float* acc_im, double a, std::size_t n, float* out,
            float* next_re, float* next_im);  // out: n (re, im) pairs

// Zeroed values on a 64-byte boundary, for the kernels' whole-vector loads and stores.
struct FreeAligned {
  void operator()(void* p) const { std::free(p); }
};
using AlignedFloats = std::unique_ptr<float[], FreeAligned>;
using AlignedDoubles = std::unique_ptr<double[], FreeAligned>;
AlignedFloats aligned_floats(std::size_t n);
AlignedDoubles aligned_doubles(std::size_t n);

}  // namespace auger::rt::audio::kernels
