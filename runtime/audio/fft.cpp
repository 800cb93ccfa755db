#include "runtime/audio/fft.h"

#include <fftw3.h>

#include <cstring>
#include <mutex>
#include <stdexcept>

namespace auger::rt::audio {

namespace {

std::mutex& planner_lock() {
  static std::mutex m;
  return m;
}

}  // namespace

std::vector<std::complex<float>> rfft(const std::vector<float>& x) {
  const std::size_t n = x.size();
  std::vector<std::complex<float>> out(n / 2 + 1);
  if (n == 0) return out;
  std::vector<float> in(x);  // FFTW_ESTIMATE never touches the arrays while planning, but execution may
  fftwf_plan plan;
  {
    std::lock_guard<std::mutex> g(planner_lock());
    plan = fftwf_plan_dft_r2c_1d(static_cast<int>(n), in.data(), reinterpret_cast<fftwf_complex*>(out.data()),
                                 FFTW_ESTIMATE);
  }
  if (!plan) throw std::runtime_error("FFTW could not plan a real FFT of " + std::to_string(n) + " samples");
  fftwf_execute(plan);
  std::lock_guard<std::mutex> g(planner_lock());
  fftwf_destroy_plan(plan);
  return out;
}

std::vector<float> irfft(const std::vector<std::complex<float>>& bins, std::size_t n) {
  std::vector<float> out(n);
  if (n == 0) return out;
  std::vector<std::complex<float>> in(bins);  // c2r destroys its input
  in.resize(n / 2 + 1);
  fftwf_plan plan;
  {
    std::lock_guard<std::mutex> g(planner_lock());
    plan = fftwf_plan_dft_c2r_1d(static_cast<int>(n), reinterpret_cast<fftwf_complex*>(in.data()), out.data(),
                                 FFTW_ESTIMATE);
  }
  if (!plan) throw std::runtime_error("FFTW could not plan an inverse real FFT of " + std::to_string(n) + " samples");
  fftwf_execute(plan);
  {
    std::lock_guard<std::mutex> g(planner_lock());
    fftwf_destroy_plan(plan);
  }
  const float scale = 1.0f / static_cast<float>(n);
  for (auto& v : out) v *= scale;
  return out;
}

PowerSpectrum::PowerSpectrum(std::size_t n) : n_(n) {
  in_ = fftwf_alloc_real(n);
  out_ = fftwf_alloc_complex(n / 2 + 1);
  std::lock_guard<std::mutex> g(planner_lock());
  plan_ = fftwf_plan_dft_r2c_1d(static_cast<int>(n), in_, static_cast<fftwf_complex*>(out_), FFTW_ESTIMATE);
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
  forward_ = fftwf_plan_dft_r2c_1d(static_cast<int>(n), real_, bins, FFTW_ESTIMATE);
  inverse_ = fftwf_plan_dft_c2r_1d(static_cast<int>(n), bins, real_, FFTW_ESTIMATE);
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

}  // namespace auger::rt::audio
