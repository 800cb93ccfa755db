// Level ops (ops.md §5): gain and add_noise, by the formulas in stdlib/std/prims_audio.aug.
#include <cmath>
#include <complex>

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
  kernels::scale(s.data.data(), s.data.size(), k);
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

// N(0, 1) noise, four values per Philox block of the op's noise stream (audio_pipelines.h's WhiteNoise, a Halide
// kernel: the noise was most of add_noise's time, and of the features pipeline's in bench/audio.py).
void white_noise(std::uint64_t seed, std::vector<float>& out) {
  kernels::white_noise(seed, noise_hash(), out.data(), out.size());
}

// Coloured noise, channel by channel, made in the frequency domain (the FFT of white Gaussian noise is white
// complex Gaussian noise, so drawing the bins saves the forward FFT): m = fast_fft_length(n), the next 2^a or
// 3 * 2^a at or above n (planning and running FFTs of each utterance's own, often prime, length was most of the op's
// time); channel c's bins k = 0 .. m / 2 are the complex numbers of white samples [c (m + 2), (c + 1) (m + 2)) of
// the stream taken in pairs (real, imaginary), scaled by 1 / k^(exponent) (bin 0 removed), transformed back by
// the inverse real FFT of length m and cut to the first n samples. (The scale does not matter: the mix rescales
// to the SNR.)
std::vector<float> coloured_noise(std::uint64_t seed, int channels, std::size_t n, double exponent) {
  const std::size_t m = fast_fft_length(n), nb = m / 2 + 1;
  std::vector<std::complex<float>> bins(static_cast<std::size_t>(channels) * nb);
  static_assert(sizeof(std::complex<float>) == 2 * sizeof(float));
  kernels::white_noise(seed, noise_hash(), reinterpret_cast<float*>(bins.data()), 2 * bins.size());
  std::vector<float> gain(nb, 0.0f), row(m), out(static_cast<std::size_t>(channels) * n);
  for (std::size_t k = 1; k < nb; ++k)
    gain[k] = exponent == 1.0 ? 1.0f / static_cast<float>(k) : 1.0f / std::sqrt(static_cast<float>(k));
  for (int c = 0; c < channels; ++c) {
    std::complex<float>* b = bins.data() + static_cast<std::size_t>(c) * nb;
    for (std::size_t k = 0; k < nb; ++k) b[k] *= gain[k];
    inverse_rfft(b, m, row.data());
    std::copy(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(n), out.data() + static_cast<std::size_t>(c) * n);
  }
  return out;
}

// n = white_noise over the flat channel-major samples, or coloured_noise; then
// out = x + n * rms(x) / (rms(n) * 10^(snr / 20)); a silent input (or silent noise) is left unchanged.
void apply_add_noise(const Args& args, Signal& s) {
  const double signal_rms = rms(s.data);
  if (signal_rms == 0) return;
  const auto seed = static_cast<std::uint64_t>(args.number("seed"));
  const std::string color = args.text("color", "white");
  std::vector<float> noise = std::move(kept_noise());
  if (color == "white") {
    noise.resize(s.data.size());
    white_noise(seed, noise);
  } else {
    noise = coloured_noise(seed, s.shape.rows, s.shape.cols, color == "pink" ? 0.5 : 1.0);
  }
  const double noise_rms = rms(noise);
  if (noise_rms > 0) {
    const double k = signal_rms / (noise_rms * std::pow(10.0, args.number("snr") / 20.0));
    kernels::mix(s.data.data(), noise.data(), noise.size(), k);
  }
  if (noise.capacity() <= kKeptNoise) kept_noise() = std::move(noise);
}

}  // namespace

std::vector<AudioOp> level_ops() {
  return {
      {OpId::Gain, resolve_gain, apply_gain},
      {OpId::AddNoise, resolve_add_noise, apply_add_noise},
  };
}

}  // namespace auger::rt::audio
