// Real FFTs through FFTW (Debian's libfftw3: well kept, the fastest portable FFT, any length — see docs/audio.md).
// Plans are made once per length and kept; FFTW's planner is not thread-safe, so making one takes a lock.
#pragma once

#include <complex>
#include <cstddef>
#include <vector>

namespace auger::rt::audio {

// The next length at or above n of the form 2^a or 3 * 2^a: FFTW is fast there, and with two lengths an octave its
// plans (5-13 ms each to make, even with FFTW_ESTIMATE) are few enough to keep for every utterance length of a
// corpus (a length of 2^a 3^b 5^c would waste less but need a plan for nearly every utterance).
std::size_t fast_fft_length(std::size_t n);

// The inverse real FFT of n / 2 + 1 bins into n samples, not divided by n (FFTW's c2r: the imaginary parts of
// bin 0 and, for an even n, bin n / 2 are ignored). Thread-safe: the plan of a length is made once and kept (a few
// dozen lengths at most); the data goes through FFTW-allocated arrays, aligned as the plans expect.
void inverse_rfft(const std::complex<float>* bins, std::size_t n, float* out);

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
