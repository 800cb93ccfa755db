// melspec (ops.md §5): torchaudio 0.13's MelSpectrogram with the op's window, hop and FFT size — a periodic Hann
// window of win_length centred in n_fft, center=True with reflect padding, power 2, an HTK mel filter bank from
// 0 Hz to rate // 2 without norm — optionally ln(v + 1e-6). Multi-channel audio is averaged to mono first. The
// result is [n_mels, frames] (torchaudio's layout).
#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <tuple>

#include "runtime/audio/fft.h"
#include "runtime/audio/hann_window.h"
#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/audio/ops/families.h"

namespace auger::rt::audio {

namespace {

struct Frames {
  std::int64_t n_fft = 0, win = 0, hop = 0;
};

// win_length and hop_length as torchaudio gets them: Python's round() (half to even) of seconds * rate.
Frames frames_of(const Args& args, double rate) {
  Frames f;
  f.n_fft = args.integer("n_fft", 512);
  f.win = static_cast<std::int64_t>(std::nearbyint(args.number("win", 0.025) * rate));
  f.hop = static_cast<std::int64_t>(std::nearbyint(args.number("hop", 0.010) * rate));
  if (f.win < 1 || f.hop < 1) throw std::runtime_error("melspec: the window and the hop must be at least one sample");
  if (f.win > f.n_fft)
    throw std::runtime_error("melspec: the window (" + std::to_string(f.win) + " samples) is longer than n_fft (" +
                             std::to_string(f.n_fft) + ")");
  return f;
}

std::size_t frame_count(std::size_t len, const Frames& f) {
  const auto pad = f.n_fft / 2;
  if (static_cast<std::int64_t>(len) <= pad)
    throw std::runtime_error("melspec: " + std::to_string(len) + " samples are too few for reflect padding of " +
                             std::to_string(pad) + " (n_fft / 2)");
  return static_cast<std::size_t>(1 + (static_cast<std::int64_t>(len) + 2 * pad - f.n_fft) / f.hop);
}

AudioShape resolve_melspec(Args& args, const AudioShape& in, const rng::DrawStream&) {
  require_wave("melspec", in);
  const Frames f = frames_of(args, in.rate);
  AudioShape out = in;
  out.spectrogram = true;
  out.rows = args.integer("n_mels", 80);
  out.cols = frame_count(in.cols, f);
  out.hop = static_cast<std::size_t>(f.hop);
  return out;
}

// One mel filter: its weights over the FFT bins [first, first + weights.size()).
struct MelFilter {
  std::size_t first = 0;
  std::vector<float> weights;
};

double hz_to_mel(double hz) {
  return 2595.0 * std::log10(1.0 + hz / 700.0);
}
double mel_to_hz(double mel) {
  return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
}

// torchaudio's melscale_fbanks(n_freqs, 0, rate // 2, n_mels, rate, norm=None, mel_scale="htk"), by filter.
std::vector<MelFilter> mel_filters(std::size_t n_freqs, int n_mels, std::int64_t rate) {
  const double top = static_cast<double>(rate / 2);
  std::vector<double> freqs(n_freqs), f_pts(static_cast<std::size_t>(n_mels) + 2);
  for (std::size_t k = 0; k < n_freqs; ++k)
    freqs[k] = n_freqs == 1 ? 0.0 : top * static_cast<double>(k) / static_cast<double>(n_freqs - 1);
  const double m_max = hz_to_mel(top);
  for (std::size_t i = 0; i < f_pts.size(); ++i)
    f_pts[i] = mel_to_hz(m_max * static_cast<double>(i) / static_cast<double>(f_pts.size() - 1));
  std::vector<MelFilter> filters(static_cast<std::size_t>(n_mels));
  for (int m = 0; m < n_mels; ++m) {
    const double lo = f_pts[m], mid = f_pts[m + 1], hi = f_pts[m + 2];
    std::vector<float> w(n_freqs);
    std::size_t first = n_freqs, last = 0;
    for (std::size_t k = 0; k < n_freqs; ++k) {
      const double down = (freqs[k] - lo) / (mid - lo), up = (hi - freqs[k]) / (hi - mid);
      w[k] = static_cast<float>(std::max(0.0, std::min(down, up)));
      if (w[k] > 0) first = std::min(first, k), last = k;
    }
    auto& f = filters[static_cast<std::size_t>(m)];
    if (first <= last) {
      f.first = first;
      f.weights.assign(w.begin() + static_cast<std::ptrdiff_t>(first),
                       w.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    }
  }
  return filters;
}

// Mono, reflect-padded by n_fft / 2 on both sides (torch's reflect: the edge sample is not repeated).
std::vector<float> padded_mono(const Signal& s, std::int64_t pad) {
  const auto len = static_cast<std::int64_t>(s.shape.cols);
  std::vector<float> out(static_cast<std::size_t>(len + 2 * pad), 0.0f);
  float* mono = out.data() + pad;
  std::copy_n(s.row(0), len, mono);
  for (int c = 1; c < s.shape.rows; ++c)
    for (std::int64_t i = 0; i < len; ++i) mono[i] += s.row(c)[i];
  if (s.shape.rows > 1)
    for (std::int64_t i = 0; i < len; ++i) mono[i] /= static_cast<float>(s.shape.rows);
  for (std::int64_t i = 1; i <= pad; ++i) {  // pad < len (frame_count checked it)
    mono[-i] = mono[i];
    mono[len - 1 + i] = mono[len - 1 - i];
  }
  return out;
}

// The periodic Hann window of `win` samples (torch's), centred in n_fft zeros.
std::vector<float> window(const Frames& f) {
  std::vector<float> w(static_cast<std::size_t>(f.n_fft), 0.0f);
  const auto left = (f.n_fft - f.win) / 2;
  const auto hann = hann_window(static_cast<std::size_t>(f.win));
  std::copy(hann.begin(), hann.end(), w.begin() + left);
  return w;
}

// The filters as the MelBank kernel takes them: each filter's weights from its first bin, zero-padded to the widest.
struct BankTable {
  std::size_t width = 1;
  std::vector<float> weights;
  std::vector<std::int32_t> first;
};

BankTable bank_table(const std::vector<MelFilter>& filters) {
  BankTable b;
  for (const auto& f : filters) b.width = std::max(b.width, f.weights.size());
  b.weights.assign(filters.size() * b.width, 0.0f);
  for (std::size_t m = 0; m < filters.size(); ++m) {
    b.first.push_back(static_cast<std::int32_t>(filters[m].first));
    std::copy(filters[m].weights.begin(), filters[m].weights.end(), b.weights.begin() + m * b.width);
  }
  return b;
}

// The table of (bins, n_mels, rate), made once per process (a policy has a handful).
const BankTable& cached_bank(std::size_t n_bins, int n_mels, std::int64_t rate) {
  static std::mutex lock;
  static std::map<std::tuple<std::size_t, int, std::int64_t>, BankTable> tables;
  std::lock_guard<std::mutex> g(lock);
  const auto key = std::make_tuple(n_bins, n_mels, rate);
  auto it = tables.find(key);
  if (it == tables.end()) it = tables.emplace(key, bank_table(mel_filters(n_bins, n_mels, rate))).first;
  return it->second;  // std::map never moves its values
}

// One pass over the frames (window, FFT, power), the power spectra stored 16 frames a block, then the mel filter
// bank and the log over every frame at once in a Halide kernel (vectorised across frames: the per-frame filter
// sums and logs were most of melspec's time).
void apply_melspec(const Args& args, Signal& s) {
  const Frames f = frames_of(args, s.shape.rate);
  const int n_mels = args.integer("n_mels", 80);
  const bool log = args.flag("log", false);
  const std::size_t frames = frame_count(s.shape.cols, f), n_bins = static_cast<std::size_t>(f.n_fft / 2 + 1);
  const auto x = padded_mono(s, f.n_fft / 2);
  const auto w = window(f);
  const BankTable& bank = cached_bank(n_bins, n_mels, std::llround(s.shape.rate));
  const std::size_t bins = n_bins + bank.width, blocks = (frames + 15) / 16;
  auto power = kernels::aligned_floats(blocks * bins * 16);  // zeros past n_bins and past the last frame
  PowerSpectrum fft(static_cast<std::size_t>(f.n_fft));
  std::vector<float> frame(static_cast<std::size_t>(f.n_fft)), spectrum(n_bins);
  for (std::size_t t = 0; t < frames; ++t) {
    const float* src = x.data() + t * static_cast<std::size_t>(f.hop);
    for (std::size_t i = 0; i < frame.size(); ++i) frame[i] = src[i] * w[i];
    fft.run(frame.data(), spectrum.data());
    float* dst = power.get() + (t / 16) * bins * 16 + t % 16;
    for (std::size_t k = 0; k < n_bins; ++k) dst[k * 16] = spectrum[k];
  }
  auto mel = kernels::aligned_floats(static_cast<std::size_t>(n_mels) * blocks * 16);
  kernels::mel_bank(power.get(), blocks, bins, bank.weights.data(), bank.width, bank.first.data(), n_mels, log,
                    mel.get());
  Signal out;
  out.shape = {true, n_mels, frames, s.shape.rate, static_cast<std::size_t>(f.hop)};
  out.data.resize(static_cast<std::size_t>(n_mels) * frames);
  for (int m = 0; m < n_mels; ++m)
    std::copy_n(mel.get() + static_cast<std::size_t>(m) * blocks * 16, frames, out.row(m));
  s = std::move(out);
}

}  // namespace

std::vector<AudioOp> melspec_ops() {
  return {{OpId::Melspec, resolve_melspec, apply_melspec}};
}

}  // namespace auger::rt::audio
