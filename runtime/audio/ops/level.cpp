// Level ops (ops.md §5): gain and add_noise, by the formulas in stdlib/std/prims_audio.aug.
#include <cmath>

#include "runtime/audio/fft.h"
#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/reference/pixel_common.h"

namespace auger::rt::audio {

namespace {

double rms(const std::vector<float>& v) {
  return v.empty() ? 0.0 : std::sqrt(kernels::sum_squares(v.data(), v.size()) / static_cast<double>(v.size()));
}

AudioShape resolve_gain(Args&, const AudioShape& in, const rng::DrawStream&) {
  return keep_wave("gain", in);
}

// out = x * 10^(db / 20), in f32 with the factor rounded to f32 once.
void apply_gain(const Args& args, Signal& s) {
  const auto k = static_cast<float>(std::pow(10.0, args.number("db") / 20.0));
  for (auto& v : s.data) v *= k;
}

// The noise's seed: 53 bits of the op's first own draw (as gaussian_noise's), so "params" holds it exactly.
AudioShape resolve_add_noise(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  keep_wave("add_noise", in);
  args.set("seed", ArgValue::num(static_cast<double>(pixel::draw_seed(draws, kOpDrawBase)), true));
  return in;
}

// N(0, 1) noise, four values per Philox block of the op's noise stream (audio_pipelines.h's WhiteNoise, a Halide
// kernel: the noise was most of add_noise's time, and of the features pipeline's in bench/audio.py).
void white_noise(std::uint64_t seed, std::vector<float>& out) {
  static const std::uint64_t hash = rng::stream_hash(0, "", "noise");  // pixel::noise_stream's counter
  kernels::white_noise(seed, hash, out.data(), out.size());
}

// One channel's white noise shaped by 1 / k^(exponent) in the frequency domain (DC removed).
void shape_noise(float* row, std::size_t n, double exponent) {
  std::vector<float> x(row, row + n);
  auto bins = rfft(x);
  bins[0] = 0;
  for (std::size_t k = 1; k < bins.size(); ++k)
    bins[k] *= static_cast<float>(std::pow(static_cast<double>(k), -exponent));
  const auto y = irfft(bins, n);
  std::copy(y.begin(), y.end(), row);
}

// n = white_noise over the flat channel-major samples, pink/brown shaped per channel; then
// out = x + n * rms(x) / (rms(n) * 10^(snr / 20)); a silent input (or silent noise) is left unchanged.
void apply_add_noise(const Args& args, Signal& s) {
  const double signal_rms = rms(s.data);
  if (signal_rms == 0) return;
  std::vector<float> noise(s.data.size());
  white_noise(static_cast<std::uint64_t>(args.number("seed")), noise);
  const std::string color = args.text("color", "white");
  if (color != "white")
    for (int c = 0; c < s.shape.rows; ++c)
      shape_noise(noise.data() + static_cast<std::size_t>(c) * s.shape.cols, s.shape.cols, color == "pink" ? 0.5 : 1.0);
  const double noise_rms = rms(noise);
  if (noise_rms == 0) return;
  const double k = signal_rms / (noise_rms * std::pow(10.0, args.number("snr") / 20.0));
  kernels::mix(s.data.data(), noise.data(), noise.size(), k);
}

}  // namespace

std::vector<AudioOp> level_ops() {
  return {
      {OpId::Gain, resolve_gain, apply_gain},
      {OpId::AddNoise, resolve_add_noise, apply_add_noise},
  };
}

}  // namespace auger::rt::audio
