#include "runtime/audio/phase_vocoder.h"

#include <cmath>
#include <complex>
#include <numbers>

#include "runtime/audio/fft.h"

namespace auger::rt::audio {

namespace {

constexpr std::size_t kBins = kVocoderFft / 2 + 1;
using Bins = std::vector<std::complex<float>>;

std::vector<float> hann() {
  std::vector<float> w(kVocoderFft);
  for (std::size_t n = 0; n < kVocoderFft; ++n)
    w[n] = static_cast<float>(
        0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(n) / static_cast<double>(kVocoderFft)));
  return w;
}

std::vector<float> reflect_padded(const float* x, std::size_t len) {
  const auto pad = static_cast<std::ptrdiff_t>(kVocoderFft / 2), n = static_cast<std::ptrdiff_t>(len);
  std::vector<float> padded(static_cast<std::size_t>(n + 2 * pad));
  for (std::ptrdiff_t i = 0; i < n + 2 * pad; ++i) {
    std::ptrdiff_t j = i - pad;
    if (j < 0) j = -j;
    if (j >= n) j = 2 * (n - 1) - j;
    padded[static_cast<std::size_t>(i)] = x[j];
  }
  return padded;
}

// One STFT frame: its bins, their magnitudes and their unit phasors x / |x| in double (1 for a zero bin, whose
// angle torch takes as 0).
struct Frame {
  Bins bins = Bins(kBins);
  std::vector<float> mag = std::vector<float>(kBins);
  std::vector<double> re = std::vector<double>(kBins), im = std::vector<double>(kBins);
};

// torch.stft(center=True, pad_mode="reflect", onesided=True) frame by frame, as the vocoder asks for them: frames
// 0 .. len / hop, then zero frames (phase_vocoder pads two so that it may read one frame past the last).
class Analysis {
 public:
  Analysis(const float* x, std::size_t len, const std::vector<float>& w, RealFft& fft)
      : padded_(reflect_padded(x, len)), frames_(1 + len / kVocoderHop), w_(w), fft_(fft) {}
  [[nodiscard]] std::size_t frames() const { return frames_; }

  void run(std::size_t t, Frame& f) {
    if (t >= frames_) {
      std::fill(f.bins.begin(), f.bins.end(), std::complex<float>{});
    } else {
      const float* src = padded_.data() + t * kVocoderHop;
      for (std::size_t i = 0; i < kVocoderFft; ++i) windowed_[i] = src[i] * w_[i];
      fft_.forward(windowed_.data(), f.bins.data());
    }
    for (std::size_t b = 0; b < kBins; ++b) {
      const double re = f.bins[b].real(), im = f.bins[b].imag(), m = std::sqrt(re * re + im * im);
      const double inv = m > 0 ? 1.0 / m : 0.0;
      f.mag[b] = static_cast<float>(m);
      f.re[b] = m > 0 ? re * inv : 1.0;
      f.im[b] = im * inv;
    }
  }

 private:
  std::vector<float> padded_, windowed_ = std::vector<float>(kVocoderFft);
  std::size_t frames_;
  const std::vector<float>& w_;
  RealFft& fft_;
};

// torch.istft: overlap-add of the windowed inverse FFTs, later divided by the summed squared window.
struct Synthesis {
  std::vector<float> y, env, frame = std::vector<float>(kVocoderFft);

  explicit Synthesis(std::size_t frames)
      : y(kVocoderFft + kVocoderHop * (frames - 1), 0.0f), env(kVocoderFft + kVocoderHop * (frames - 1), 0.0f) {}

  void add(std::size_t t, const std::complex<float>* bins, const std::vector<float>& w, RealFft& fft) {
    fft.inverse(bins, frame.data());
    const float scale = 1.0f / static_cast<float>(kVocoderFft);
    float* yt = y.data() + t * kVocoderHop;
    float* et = env.data() + t * kVocoderHop;
    for (std::size_t i = 0; i < kVocoderFft; ++i) {
      yt[i] += frame[i] * scale * w[i];
      et[i] += w[i] * w[i];
    }
  }

  // torch.istft(length=out_len): from n_fft / 2 on; zeros past the last frame.
  [[nodiscard]] std::vector<float> result(std::size_t out_len) const {
    std::vector<float> out(out_len, 0.0f);
    for (std::size_t i = 0; i < out_len && kVocoderFft / 2 + i < y.size(); ++i)
      out[i] = y[kVocoderFft / 2 + i] / env[kVocoderFft / 2 + i];
    return out;
  }
};

// Output frame k's bins (F.phase_vocoder) from input frames f0 = floor(k * rate) and f1 = f0 + 1 at a = k * rate - f0:
// magnitudes interpolated linearly; the phase accumulated from the first frame's by each step's advance — the
// expected one plus the deviation wrapped to [-pi, pi], which is the two frames' phase difference modulo 2 pi. So
// the accumulated phase is carried as a unit phasor in double, multiplied by p1 * conj(p0) at each step: no atan2,
// sin or cos per bin (they were most of the vocoder's time), and closer to the exact vocoder than torch's float32
// sum of angles (which drifts by 1e-2 rad after a few hundred frames).
void vocode_frame(const Frame& f0, const Frame& f1, double a, std::vector<double>& acc_re, std::vector<double>& acc_im,
                  std::complex<float>* out) {
  for (std::size_t b = 0; b < kBins; ++b) {
    const auto m = static_cast<float>(a * f1.mag[b] + (1.0 - a) * f0.mag[b]);
    out[b] = {m * static_cast<float>(acc_re[b]), m * static_cast<float>(acc_im[b])};
    const double sr = f1.re[b] * f0.re[b] + f1.im[b] * f0.im[b];
    const double si = f1.im[b] * f0.re[b] - f1.re[b] * f0.im[b];
    const double r = acc_re[b] * sr - acc_im[b] * si;
    acc_im[b] = acc_re[b] * si + acc_im[b] * sr;
    acc_re[b] = r;
  }
}

}  // namespace

// Streamed: output frame k needs only input frames floor(k * rate) and the next, so each input frame is analysed
// once, when first needed, and each output frame is synthesised at once (no spectrogram held: on long utterances
// its allocation and page faults cost as much as the FFTs).
std::vector<float> stretch(const float* x, std::size_t len, double rate, std::size_t out_len) {
  const auto w = hann();
  RealFft fft(kVocoderFft);
  Analysis analysis(x, len, w, fft);
  const std::size_t frames = analysis.frames();
  const auto out_frames =
      rate == 1.0 ? frames : static_cast<std::size_t>(std::ceil(static_cast<double>(frames) / rate));
  Synthesis synthesis(out_frames);
  Frame f0, f1;
  analysis.run(0, f0);
  analysis.run(1, f1);
  std::size_t have = 0;  // f0 holds input frame `have`, f1 frame `have + 1`
  std::vector<double> acc_re = f0.re, acc_im = f0.im;
  Bins out(kBins);
  for (std::size_t k = 0; k < out_frames; ++k) {
    if (rate == 1.0) {  // phase_vocoder returns its input unchanged
      analysis.run(k, f0);
      synthesis.add(k, f0.bins.data(), w, fft);
      continue;
    }
    const double s = static_cast<double>(k) * rate, i0 = std::floor(s);
    const auto want = static_cast<std::size_t>(i0);
    if (want == have + 1) {
      std::swap(f0, f1);
      analysis.run(want + 1, f1);
    } else if (want != have) {
      analysis.run(want, f0);
      analysis.run(want + 1, f1);
    }
    have = want;
    vocode_frame(f0, f1, s - i0, acc_re, acc_im, out.data());
    synthesis.add(k, out.data(), w, fft);
  }
  return synthesis.result(out_len);
}

}  // namespace auger::rt::audio
