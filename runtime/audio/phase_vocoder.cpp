#include "runtime/audio/phase_vocoder.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "runtime/audio/fft.h"
#include "runtime/audio/hann_window.h"
#include "runtime/audio/kernels/audio_kernels.h"

namespace auger::rt::audio {

namespace {

constexpr std::size_t kBins = kVocoderFft / 2 + 1;

// torch's periodic Hann window, and its squares (the ISTFT's envelope sums them in float, as torch does).
struct Window {
  std::vector<float> w = hann_window(kVocoderFft), w2 = std::vector<float>(kVocoderFft);
  Window() {
    for (std::size_t n = 0; n < kVocoderFft; ++n) w2[n] = w[n] * w[n];
  }
};

const Window& window() {
  static const Window w;
  return w;
}

// out[i] = a[i] * w[i] over a window (arrays that do not overlap: the loop vectorises).
void multiply(const float* __restrict a, const float* __restrict w, float* __restrict out) {
  for (std::size_t i = 0; i < kVocoderFft; ++i) out[i] = a[i] * w[i];
}

// One STFT frame: its bins, their magnitudes and their unit phasors x / |x| (1 for a zero bin, whose angle torch
// takes as 0); aligned for the kernels and for FFTW's new-array execution.
struct Frame {
  kernels::AlignedFloats bins = kernels::aligned_floats(2 * kBins), mag = kernels::aligned_floats(kBins);
  kernels::AlignedFloats re = kernels::aligned_floats(kBins), im = kernels::aligned_floats(kBins);
};

// torch.stft(center=True, pad_mode="reflect", onesided=True) frame by frame, as the vocoder asks for them: frames
// 0 .. len / hop, then zero frames (phase_vocoder pads two so that it may read one frame past the last). A frame
// inside the signal is read in place; only the first and last few go through reflect indexing (no padded copy).
class Analysis {
 public:
  Analysis(const float* x, std::size_t len, RealFft& fft)
      : x_(x), len_(len), frames_(1 + len / kVocoderHop), fft_(fft) {}
  [[nodiscard]] std::size_t frames() const { return frames_; }

  void run(std::size_t t, Frame& f) {
    if (t >= frames_) {
      std::fill_n(f.bins.get(), 2 * kBins, 0.0f);
    } else {
      const float* w = window().w.data();
      const auto start = static_cast<std::ptrdiff_t>(t * kVocoderHop) - static_cast<std::ptrdiff_t>(kVocoderFft / 2);
      if (start >= 0 && static_cast<std::size_t>(start) + kVocoderFft <= len_) {
        multiply(x_ + start, w, windowed_.get());
      } else {
        const auto n = static_cast<std::ptrdiff_t>(len_);
        for (std::size_t i = 0; i < kVocoderFft; ++i) {
          std::ptrdiff_t j = start + static_cast<std::ptrdiff_t>(i);
          if (j < 0) j = -j;
          if (j >= n) j = 2 * (n - 1) - j;
          windowed_[i] = x_[j] * w[i];
        }
      }
      fft_.forward_aligned(windowed_.get(), f.bins.get());
    }
    kernels::polar(f.bins.get(), kBins, f.mag.get(), f.re.get(), f.im.get());
  }

 private:
  const float* x_;
  std::size_t len_, frames_;
  RealFft& fft_;
  kernels::AlignedFloats windowed_ = kernels::aligned_floats(kVocoderFft);
};

// torch.istft(length=out_len), streamed: the windowed inverse FFTs are overlap-added in a window-long accumulator;
// once frame k is in, the hop before frame k + 1's start is final and is divided by the summed squared window
// there and written out (output sample o is overlap-add sample o + n_fft / 2). Nothing as long as the signal is
// allocated: the accumulator and the envelope's squared-window sums (the same float sums, in the same frame
// order, as accumulating the envelope frame by frame) are all it keeps.
class Synthesis {
 public:
  Synthesis(std::size_t frames, float* out, std::size_t out_len) : frames_(frames), out_(out), out_len_(out_len) {
    std::fill_n(acc_.get(), kVocoderFft, 0.0f);
    for (std::size_t j = 0; j < kVocoderHop; ++j) {
      float e = 0.0f;
      for (std::size_t m = kVocoderFft / kVocoderHop; m-- > 0;) e += win_.w2[j + m * kVocoderHop];
      full_[j] = e;
    }
  }

  // Frame k (frames arrive in order); `bins` are destroyed.
  void add(float* bins, RealFft& fft) {
    fft.inverse_aligned(bins, frame_.get());
    const float scale = 1.0f / static_cast<float>(kVocoderFft);
    const float* __restrict w = win_.w.data();
    float* __restrict acc = acc_.get();
    const float* __restrict frame = frame_.get();
    for (std::size_t i = 0; i < kVocoderFft; ++i) acc[i] += frame[i] * scale * w[i];
    emit(kVocoderHop);
    std::copy(acc_.get() + kVocoderHop, acc_.get() + kVocoderFft, acc_.get());
    std::fill_n(acc_.get() + kVocoderFft - kVocoderHop, kVocoderHop, 0.0f);
    base_ += kVocoderHop;
  }

  // After the last frame: the accumulator's rest, then zeros past the overlap-add's end.
  void finish() {
    emit(kVocoderFft - kVocoderHop);
    base_ += kVocoderFft - kVocoderHop;
    for (std::size_t o = base_ > kVocoderFft / 2 ? base_ - kVocoderFft / 2 : 0; o < out_len_; ++o) out_[o] = 0.0f;
  }

 private:
  // The summed squared window at overlap-add sample i: frames t with t * hop <= i < t * hop + n_fft, t ascending.
  [[nodiscard]] float envelope(std::size_t i) const {
    const std::size_t t_hi = std::min(i / kVocoderHop, frames_ - 1);
    const std::size_t t_lo = i + 1 > kVocoderFft ? (i + 1 - kVocoderFft + kVocoderHop - 1) / kVocoderHop : 0;
    float e = 0.0f;
    for (std::size_t t = t_lo; t <= t_hi; ++t) e += win_.w2[i - t * kVocoderHop];
    return e;
  }

  // Accumulator samples 0 .. n (overlap-add samples base_ .. base_ + n) to the output, where they land in it. A hop
  // that every one of its frames' windows covers (frames q - 3 .. q) divides by the same sums each time (full_).
  void emit(std::size_t n) {
    constexpr std::size_t kOverlap = kVocoderFft / kVocoderHop, kSkip = kVocoderFft / 2;
    const std::size_t q = base_ / kVocoderHop;
    const std::size_t from = base_ < kSkip ? std::min(n, kSkip - base_) : 0;
    const std::size_t to = std::min(n, out_len_ + kSkip > base_ ? out_len_ + kSkip - base_ : 0);
    if (from >= to) return;
    float* __restrict out = out_ + (base_ + from - kSkip);
    if (n == kVocoderHop && q + 1 >= kOverlap && q < frames_) {
      const float* __restrict acc = acc_.get();
      for (std::size_t i = from; i < to; ++i) out[i - from] = acc[i] / full_[i];
    } else {
      for (std::size_t i = from; i < to; ++i) *out++ = acc_[i] / envelope(base_ + i);
    }
  }

  const Window& win_ = window();
  std::array<float, kVocoderHop> full_{};
  std::size_t frames_;
  float* out_;
  std::size_t out_len_, base_ = 0;  // base_: the overlap-add index of acc_[0]
  kernels::AlignedFloats acc_ = kernels::aligned_floats(kVocoderFft), frame_ = kernels::aligned_floats(kVocoderFft);
};

// Output frame k's bins (F.phase_vocoder) from input frames f0 = floor(k * rate) and f1 = f0 + 1 at a = k * rate - f0:
// magnitudes interpolated linearly; the phase accumulated from the first frame's by each step's advance — the
// expected one plus the deviation wrapped to [-pi, pi], which is the two frames' phase difference modulo 2 pi. So
// the accumulated phase is carried as a unit phasor in f32, multiplied by p1 * conj(p0) at each step: no atan2,
// sin or cos per bin (they were most of the vocoder's time), and closer to the exact vocoder than torch's float32
// sum of angles (which drifts by 1e-2 rad after a few hundred frames; the phasor's rounding adds ~1e-7 a frame, in
// angle and in length). The per-bin work is a Halide kernel (Vocode).
struct Phase {
  kernels::AlignedFloats re = kernels::aligned_floats(kBins), im = kernels::aligned_floats(kBins);
};

void vocode_frame(const Frame& f0, const Frame& f1, double a, const Phase& acc, Phase& next, float* out) {
  kernels::vocode(f0.mag.get(), f0.re.get(), f0.im.get(), f1.mag.get(), f1.re.get(), f1.im.get(), acc.re.get(),
                  acc.im.get(), a, kBins, out, next.re.get(), next.im.get());
}

// The buffers of one thread's vocoder, kept: made per call (plans, frames) they cost more than a short utterance's
// FFTs.
struct Workspace {
  RealFft fft{kVocoderFft};
  Frame f0, f1;
  Phase acc, next;
  kernels::AlignedFloats out = kernels::aligned_floats(2 * kBins);
};

}  // namespace

// Streamed: output frame k needs only input frames floor(k * rate) and the next, so each input frame is analysed
// once, when first needed, and each output frame is synthesised at once into `out` (no spectrogram, padded copy or
// overlap-add buffer as long as the signal: on long utterances their allocation and page faults cost as much as
// the FFTs).
void stretch(const float* x, std::size_t len, double rate, float* out, std::size_t out_len) {
  thread_local Workspace ws;
  Analysis analysis(x, len, ws.fft);
  const std::size_t frames = analysis.frames();
  const auto out_frames =
      rate == 1.0 ? frames : static_cast<std::size_t>(std::ceil(static_cast<double>(frames) / rate));
  Synthesis synthesis(out_frames, out, out_len);
  Frame &f0 = ws.f0, &f1 = ws.f1;
  analysis.run(0, f0);
  analysis.run(1, f1);
  std::size_t have = 0;  // f0 holds input frame `have`, f1 frame `have + 1`
  Phase *acc = &ws.acc, *next = &ws.next;
  std::copy_n(f0.re.get(), kBins, acc->re.get());
  std::copy_n(f0.im.get(), kBins, acc->im.get());
  for (std::size_t k = 0; k < out_frames; ++k) {
    if (rate == 1.0) {  // phase_vocoder returns its input unchanged
      analysis.run(k, f0);
      synthesis.add(f0.bins.get(), ws.fft);
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
    vocode_frame(f0, f1, s - i0, *acc, *next, ws.out.get());
    std::swap(acc, next);
    synthesis.add(ws.out.get(), ws.fft);
  }
  synthesis.finish();
}

}  // namespace auger::rt::audio
