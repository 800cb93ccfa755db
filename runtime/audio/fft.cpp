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

}  // namespace auger::rt::audio
