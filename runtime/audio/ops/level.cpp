// Level ops (ops.md §5): gain and add_noise, by the formulas in stdlib/std/prims_audio.aug.
#include <cmath>

#include "runtime/audio/coloured_noise.h"
#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/reference/pixel_common.h"

namespace auger::rt::audio {

namespace {

double rms(const float* v, std::size_t n) {
  return n == 0 ? 0.0 : std::sqrt(kernels::sum_squares(v, n) / static_cast<double>(n));
}

AudioShape resolve_gain(Args&, const AudioShape& in, const rng::DrawStream&) {
  return keep_wave("gain", in);
}

// 10^(db / 20), rounded to f32 once.
float gain_factor(const Args& args) {
  return static_cast<float>(std::pow(10.0, args.number("db") / 20.0));
}

// out = x * gain_factor, in f32.
void apply_gain(const Args& args, Signal& s) {
  kernels::scale(s.data.data(), s.data.size(), gain_factor(args));
}

// Left for the copy out (pending_level.h), unless a gain is pending already (two factors multiplied first would
// round differently from two products).
bool defer_gain(const Args& args, Signal& s) {
  if (s.pending.has_gain) return false;
  s.pending.has_gain = true;
  s.pending.gain = gain_factor(args);
  return true;
}

// The noise's seed: 53 bits of the op's first own draw (as gaussian_noise's), so "params" holds it exactly.
AudioShape resolve_add_noise(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  keep_wave("add_noise", in);
  args.set("seed", ArgValue::num(static_cast<double>(pixel::draw_seed(draws, kOpDrawBase)), true));
  return in;
}

// The noise's buffer, kept per thread from sample to sample: a fresh one per utterance (tens of MB for a corpus)
// cost about as much in page faults as making the noise. One of up to kKeptNoise samples is kept.
constexpr std::size_t kKeptNoise = std::size_t{1} << 24;
std::vector<float>& kept_noise() {
  thread_local std::vector<float> kept;
  return kept;
}

// add_noise's Philox counter: pixel::noise_stream's.
std::uint64_t noise_hash() {
  static const std::uint64_t hash = rng::stream_hash(0, "", "noise");
  return hash;
}

// n = N(0, 1) noise over the flat channel-major samples, four values per Philox block of the op's noise stream
// (audio_pipelines.h's WhiteNoise, a Halide kernel), or that noise coloured (coloured_noise.h: a recursive
// filter per channel, no FFT); then out = x + n * rms(x) / (rms(n) * 10^(snr / 20)); a silent input (or silent
// noise) is left unchanged.
void apply_add_noise(const Args& args, Signal& s) {
  const double signal_rms = rms(s.data.data(), s.data.size());
  if (signal_rms == 0) return;
  const auto seed = static_cast<std::uint64_t>(args.number("seed"));
  const std::string color = args.text("color", "white");
  const std::size_t n = s.data.size();
  std::vector<float> noise = std::move(kept_noise());
  if (noise.size() < n + 16) noise.resize(n + 16);  // coloured_noise writes up to 16 past the end
  double squares = 0;  // of the noise: summed as the white noise is made (in cache), after the filter otherwise
  if (color == "white") {
    squares = kernels::white_noise_squares(seed, noise_hash(), noise.data(), n);
  } else {
    coloured_noise(seed, noise_hash(), s.shape.rows, s.shape.cols,
                   color == "pink" ? NoiseColor::Pink : NoiseColor::Brown, noise.data());
    squares = kernels::sum_squares(noise.data(), n);
  }
  const double noise_rms = std::sqrt(squares / static_cast<double>(n));
  if (noise_rms > 0) {
    const double k = signal_rms / (noise_rms * std::pow(10.0, args.number("snr") / 20.0));
    kernels::mix(s.data.data(), noise.data(), n, k);
  }
  if (noise.capacity() <= kKeptNoise) kept_noise() = std::move(noise);
}

}  // namespace

std::vector<AudioOp> level_ops() {
  return {
      {OpId::Gain, resolve_gain, apply_gain, defer_gain},
      {OpId::AddNoise, resolve_add_noise, apply_add_noise},
  };
}

}  // namespace auger::rt::audio
