#include "runtime/audio/fft.h"

#include <fftw3.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "runtime/audio/fft_wisdom.h"

namespace auger::rt::audio {

namespace {

std::mutex& planner_lock() {
  static std::mutex m;
  return m;
}

// With the planner lock held: the build's measured plan for this length when the wisdom has one, else FFTW's
// estimate (deterministic, but slower).
template <typename Plan>
fftwf_plan planned(Plan make) {
  static const bool imported = fftwf_import_wisdom_from_string(kFftWisdom) != 0;
  if (imported)
    if (fftwf_plan p = make(FFTW_MEASURE | FFTW_WISDOM_ONLY)) return p;
  return make(FFTW_ESTIMATE);
}

fftwf_plan plan_r2c(std::size_t n, float* in, fftwf_complex* out) {
  return planned([&](unsigned flags) { return fftwf_plan_dft_r2c_1d(static_cast<int>(n), in, out, flags); });
}

fftwf_plan plan_c2r(std::size_t n, fftwf_complex* in, float* out) {
  return planned([&](unsigned flags) { return fftwf_plan_dft_c2r_1d(static_cast<int>(n), in, out, flags); });
}

}  // namespace

PowerSpectrum::PowerSpectrum(std::size_t n) : n_(n) {
  in_ = fftwf_alloc_real(n);
  out_ = fftwf_alloc_complex(n / 2 + 1);
  std::lock_guard<std::mutex> g(planner_lock());
  plan_ = plan_r2c(n, in_, static_cast<fftwf_complex*>(out_));
  if (!plan_) throw std::runtime_error("FFTW could not plan a real FFT of " + std::to_string(n) + " samples");
}

PowerSpectrum::~PowerSpectrum() {
  {
    std::lock_guard<std::mutex> g(planner_lock());
    fftwf_destroy_plan(static_cast<fftwf_plan>(plan_));
  }
  fftwf_free(in_);
  fftwf_free(out_);
}

void PowerSpectrum::run(const float* frame, float* out) {
  std::memcpy(in_, frame, n_ * sizeof(float));
  fftwf_execute(static_cast<fftwf_plan>(plan_));
  const auto* bins = static_cast<const fftwf_complex*>(out_);
  for (std::size_t k = 0; k <= n_ / 2; ++k) out[k] = bins[k][0] * bins[k][0] + bins[k][1] * bins[k][1];
}

RealFft::RealFft(std::size_t n) : n_(n) {
  real_ = fftwf_alloc_real(n);
  bins_ = fftwf_alloc_complex(n / 2 + 1);
  auto* bins = static_cast<fftwf_complex*>(bins_);
  std::lock_guard<std::mutex> g(planner_lock());
  forward_ = plan_r2c(n, real_, bins);
  inverse_ = plan_c2r(n, bins, real_);
  if (!forward_ || !inverse_) throw std::runtime_error("FFTW could not plan real FFTs of " + std::to_string(n));
}

RealFft::~RealFft() {
  {
    std::lock_guard<std::mutex> g(planner_lock());
    if (forward_) fftwf_destroy_plan(static_cast<fftwf_plan>(forward_));
    if (inverse_) fftwf_destroy_plan(static_cast<fftwf_plan>(inverse_));
  }
  fftwf_free(real_);
  fftwf_free(bins_);
}

void RealFft::forward(const float* in, std::complex<float>* out) {
  std::memcpy(real_, in, n_ * sizeof(float));
  fftwf_execute(static_cast<fftwf_plan>(forward_));
  std::memcpy(static_cast<void*>(out), bins_, (n_ / 2 + 1) * sizeof(fftwf_complex));
}

void RealFft::inverse(const std::complex<float>* in, float* out) {
  std::memcpy(bins_, static_cast<const void*>(in), (n_ / 2 + 1) * sizeof(fftwf_complex));  // c2r destroys its input
  fftwf_execute(static_cast<fftwf_plan>(inverse_));
  std::memcpy(out, real_, n_ * sizeof(float));
}

void RealFft::forward_aligned(const float* in, float* bins) {
  auto* real = const_cast<float*>(in);  // r2c leaves its input alone
  if (fftwf_alignment_of(real) != fftwf_alignment_of(real_) ||
      fftwf_alignment_of(bins) != fftwf_alignment_of(static_cast<float*>(bins_))) {
    forward(in, reinterpret_cast<std::complex<float>*>(bins));
    return;
  }
  fftwf_execute_dft_r2c(static_cast<fftwf_plan>(forward_), real, reinterpret_cast<fftwf_complex*>(bins));
}

void RealFft::inverse_aligned(float* bins, float* out) {
  if (fftwf_alignment_of(bins) != fftwf_alignment_of(static_cast<float*>(bins_)) ||
      fftwf_alignment_of(out) != fftwf_alignment_of(real_)) {
    inverse(reinterpret_cast<const std::complex<float>*>(bins), out);
    return;
  }
  fftwf_execute_dft_c2r(static_cast<fftwf_plan>(inverse_), reinterpret_cast<fftwf_complex*>(bins), out);
}

}  // namespace auger::rt::audio
