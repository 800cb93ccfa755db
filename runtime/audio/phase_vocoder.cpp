#include "runtime/audio/phase_vocoder.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

#include "runtime/audio/fft.h"
#include "runtime/audio/kernels/audio_kernels.h"

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
// angle torch takes as 0); aligned for the kernels.
struct Frame {
  Bins bins = Bins(kBins);
  kernels::AlignedFloats mag = kernels::aligned_floats(kBins);
  kernels::AlignedDoubles re = kernels::aligned_doubles(kBins), im = kernels::aligned_doubles(kBins);
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
    kernels::polar(reinterpret_cast<const float*>(f.bins.data()), kBins, f.mag.get(), f.re.get(), f.im.get());
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
// sum of angles (which drifts by 1e-2 rad after a few hundred frames). The per-bin work is a Halide kernel (Vocode).
struct Phase {
  kernels::AlignedDoubles re = kernels::aligned_doubles(kBins), im = kernels::aligned_doubles(kBins);
};

void vocode_frame(const Frame& f0, const Frame& f1, double a, const Phase& acc, Phase& next, float* out) {
  kernels::vocode(f0.mag.get(), f0.re.get(), f0.im.get(), f1.mag.get(), f1.re.get(), f1.im.get(), acc.re.get(),
                  acc.im.get(), a, kBins, out, next.re.get(), next.im.get());
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
  Phase acc, next;
  std::copy_n(f0.re.get(), kBins, acc.re.get());
  std::copy_n(f0.im.get(), kBins, acc.im.get());
  auto out = kernels::aligned_floats(2 * kBins);
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
    vocode_frame(f0, f1, s - i0, acc, next, out.get());
    std::swap(acc, next);
    synthesis.add(k, reinterpret_cast<const std::complex<float>*>(out.get()), w, fft);
  }
  return synthesis.result(out_len);
}

}  // namespace auger::rt::audio
