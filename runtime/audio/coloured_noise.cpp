#include "runtime/audio/coloured_noise.h"

#include <array>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "runtime/audio/kernels/audio_kernels.h"

namespace auger::rt::audio {

namespace {

constexpr std::size_t kBlock = 16, kStates = 8;  // audio_pipelines.h's IirStates / IirOutput

// A bank of first-order recurrences s_i[t] = a_i s_i[t-1] + c_i x[t], summed with d x[t] + e x[t-1].
struct Filter {
  std::vector<double> a, c;
  double d = 0, e = 0;
};

// Paul Kellet's "refined" pinking filter (musicdsp.org, "pink.txt"; FFmpeg's anoisesrc uses the same): within
// ±0.05 dB of a -3 dB/octave slope above 9.2 Hz at 44.1 kHz, i.e. above ~3.3 Hz at 16 kHz (the poles are fixed,
// so the band scales with the rate).
Filter pink_filter() {
  return {{0.99886, 0.99332, 0.96900, 0.86650, 0.55000, -0.7616},
          {0.0555179, 0.0750759, 0.1538520, 0.3104856, 0.5329522, -0.0168980},
          0.5362,
          0.115926};
}

// Brown: leaky integration of white, y[t] = 0.9996 y[t-1] + x[t]. The pole puts the corner at 1 Hz at 16 kHz, so the
// -6 dB/octave slope holds (within 10 %) from 3 Hz up; near Nyquist the integrator's 1 / (4 sin^2(w / 2)) lies
// above 1 / w^2 (+0.9 dB at a quarter of the rate, as for a random walk).
Filter brown_filter() {
  return {{0.9996}, {1.0}, 0.0, 0.0};
}

// The block form of a Filter (audio_kernels.h's iir_states and iir_output), computed in double, stored in float.
struct Tables {
  std::array<float, kStates * kBlock> w{}, p{};
  std::array<float, kStates> a{};
  std::array<float, (kBlock + 1) * kBlock> m{};
  std::size_t warmup = 0;
};

Tables block_tables(const Filter& f, std::size_t warmup) {
  Tables t;
  t.warmup = warmup;
  for (std::size_t i = 0; i < f.a.size(); ++i) {
    t.a[i] = static_cast<float>(std::pow(f.a[i], kBlock));
    for (std::size_t j = 0; j < kBlock; ++j) {
      t.w[j * kStates + i] = static_cast<float>(f.c[i] * std::pow(f.a[i], static_cast<double>(kBlock - 1 - j)));
      t.p[i * kBlock + j] = static_cast<float>(std::pow(f.a[i], static_cast<double>(j + 1)));
    }
  }
  // m(j, r + 1): the weight of sample r of the block (r = -1: the previous block's last) in output j.
  for (std::size_t j = 0; j < kBlock; ++j) {
    for (std::size_t r = 0; r <= j; ++r) {
      double v = r == j ? f.d : 0.0;
      for (std::size_t i = 0; i < f.a.size(); ++i) v += f.c[i] * std::pow(f.a[i], static_cast<double>(j - r));
      if (r + 1 == j) v += f.e;
      t.m[(r + 1) * kBlock + j] = static_cast<float>(v);
    }
  }
  t.m[0] = static_cast<float>(f.e);  // output 0's x[t-1]
  return t;
}

// Warm-up lengths: the slowest state's variance after w samples from rest is (1 - a^(2w)) of its stationary value,
// 1 - 9e-5 for pink (a = 0.99886, w = 4096) and 1 - 1.4e-3 for brown (a = 0.9996, w = 8192).
const Tables& tables(NoiseColor color) {
  static const Tables pink = block_tables(pink_filter(), 4096), brown = block_tables(brown_filter(), 8192);
  return color == NoiseColor::Pink ? pink : brown;
}

// Per-thread scratch that keeps its size from sample to sample (fresh buffers per utterance cost page faults), up
// to kKept floats.
constexpr std::size_t kKept = std::size_t{1} << 24;
struct Scratch {
  std::vector<float> white, states;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}
void grow(std::vector<float>& v, std::size_t n) {
  if (v.size() < n) v.resize(n);
}
void trim(std::vector<float>& v) {
  if (v.capacity() > kKept) std::vector<float>().swap(v);
}

}  // namespace

std::size_t noise_warmup(NoiseColor color) {
  return tables(color).warmup;
}

void coloured_noise(std::uint64_t seed, std::uint64_t hash, int channels, std::size_t n, NoiseColor color, float* out) {
  const Tables& t = tables(color);
  const std::size_t span = t.warmup + n, blocks = (span + kBlock - 1) / kBlock,
                    rows = static_cast<std::size_t>(channels);
  if (span > static_cast<std::size_t>(INT32_MAX) / 2) throw std::runtime_error("add_noise: too many samples");
  Scratch& s = scratch();
  // white[0] is x[-1] of channel 0 (0); channel c's values start at 1 + c * span. A channel's last block reads
  // past its span (the next channel's values, or kBlock extra ones): only outputs past n depend on them.
  grow(s.white, 1 + rows * span + kBlock);
  s.white[0] = 0.0f;
  kernels::white_noise(seed, hash, s.white.data() + 1, rows * span + kBlock);
  grow(s.states, kStates * blocks);
  for (std::size_t c = 0; c < rows; ++c) {
    const float* x = s.white.data() + 1 + c * span;
    kernels::iir_states(x, blocks, t.w.data(), t.a.data(), s.states.data());
    // Outputs from block warmup / 16 on; the last block may run up to 15 samples past the channel's n, into the
    // next channel's place (written after) or the caller's 16 spare floats.
    kernels::iir_output(x, t.m.data(), t.p.data(), s.states.data(), t.warmup / kBlock, blocks - t.warmup / kBlock,
                        out + c * n);
  }
  trim(s.white);
  trim(s.states);
}

}  // namespace auger::rt::audio
