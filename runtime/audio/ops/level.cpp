// Level ops (ops.md §5): gain and add_noise, by the formulas in stdlib/std/prims_audio.aug.
#include <cmath>

#include "runtime/audio/fft.h"
#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/reference/pixel_common.h"

namespace auger::rt::audio {

namespace {

double rms(const std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += static_cast<double>(x) * x;
  return v.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(v.size()));
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

// N(0, 1) noise, four values per Philox block: block k (the stream's draw k) gives samples 4k .. 4k + 3 by
// Box–Muller in float on its four words (u1 in (0, 1] from words 0 and 2, u2 from 1 and 3, cos and sin each). One
// block per four samples rather than one per sample: the noise is most of add_noise's time, and of the features
// pipeline's (bench/audio.py).
void white_noise(const rng::DrawStream& stream, std::vector<float>& out) {
  constexpr float kTwoPi = 6.28318530717958647692f, kScale = 0x1.0p-32f;
  const std::size_t n = out.size();
  for (std::size_t k = 0; 4 * k < n; ++k) {
    const auto w = stream.block(static_cast<std::uint32_t>(k), 0);
    float v[4];
    for (int pair = 0; pair < 2; ++pair) {
      const float u1 = (static_cast<float>(w[2 * pair] >> 8) + 1.0f) * 0x1.0p-24f;  // (0, 1]
      const float u2 = static_cast<float>(w[2 * pair + 1]) * kScale;
      const float r = std::sqrt(-2.0f * std::log(u1)), a = kTwoPi * u2;
      v[2 * pair] = r * std::cos(a);
      v[2 * pair + 1] = r * std::sin(a);
    }
    for (std::size_t j = 0; j < 4 && 4 * k + j < n; ++j) out[4 * k + j] = v[j];
  }
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
  const auto stream = pixel::noise_stream(static_cast<std::uint64_t>(args.number("seed")));
  std::vector<float> noise(s.data.size());
  white_noise(stream, noise);
  const std::string color = args.text("color", "white");
  if (color != "white")
    for (int c = 0; c < s.shape.rows; ++c)
      shape_noise(noise.data() + static_cast<std::size_t>(c) * s.shape.cols, s.shape.cols, color == "pink" ? 0.5 : 1.0);
  const double noise_rms = rms(noise);
  if (noise_rms == 0) return;
  const double k = signal_rms / (noise_rms * std::pow(10.0, args.number("snr") / 20.0));
  for (std::size_t i = 0; i < noise.size(); ++i) s.data[i] += static_cast<float>(k * noise[i]);
}

}  // namespace

std::vector<AudioOp> level_ops() {
  return {
      {OpId::Gain, resolve_gain, apply_gain},
      {OpId::AddNoise, resolve_add_noise, apply_add_noise},
  };
}

}  // namespace auger::rt::audio
