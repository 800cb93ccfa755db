// Real FFTs through FFTW (Debian's libfftw3: well kept, the fastest portable FFT, any length — see docs/audio.md).
// Plans come from the wisdom measured at build time where it has them (fft_wisdom.h); FFTW's planner is not
// thread-safe, so making one takes a lock.
#pragma once

#include <complex>
#include <cstddef>
#include <vector>

namespace auger::rt::audio {

// The power spectrum |X_k|^2 (k = 0 .. n/2) of many frames of one length, with one plan: a reusable helper for the
// STFT. Not thread-safe itself: one per thread (or per call).
class PowerSpectrum {
 public:
  explicit PowerSpectrum(std::size_t n);
  ~PowerSpectrum();
  PowerSpectrum(const PowerSpectrum&) = delete;
  PowerSpectrum& operator=(const PowerSpectrum&) = delete;
  [[nodiscard]] std::size_t size() const { return n_; }
  // `frame` has size() samples; writes size() / 2 + 1 powers to `out`.
  void run(const float* frame, float* out);

 private:
  std::size_t n_;
  float* in_;
  void* out_;   // fftwf_complex*
  void* plan_;  // fftwf_plan
};

// Forward and inverse real FFTs of one length with one pair of plans (the STFT and ISTFT of the phase vocoder).
// Not thread-safe itself: one per thread (or per call).
class RealFft {
 public:
  explicit RealFft(std::size_t n);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;
  [[nodiscard]] std::size_t size() const { return n_; }
  // size() samples in, size() / 2 + 1 bins out (unnormalised).
  void forward(const float* in, std::complex<float>* out);
  // size() / 2 + 1 bins in, size() samples out, not divided by size().
  void inverse(const std::complex<float>* in, float* out);
  // The same without copies, on arrays aligned as FFTW's own (e.g. 64-byte aligned): `in` is size() samples,
  // `bins` size() / 2 + 1 (re, im) pairs. inverse_aligned destroys `bins`.
  void forward_aligned(const float* in, float* bins);
  void inverse_aligned(float* bins, float* out);

 private:
  std::size_t n_;
  float* real_;
  void* bins_;               // fftwf_complex*
  void* forward_ = nullptr;  // fftwf_plan
  void* inverse_ = nullptr;  // fftwf_plan
};

}  // namespace auger::rt::audio
