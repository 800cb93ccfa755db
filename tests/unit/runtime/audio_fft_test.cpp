// runtime/audio: torch's Hann window (hann_window.h) and the FFT plans measured at build time (fft_wisdom.h).
#include <doctest/doctest.h>
#include <fftw3.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include "runtime/audio/fft.h"
#include "runtime/audio/fft_wisdom.h"
#include "runtime/audio/hann_window.h"

using namespace auger::rt::audio;

TEST_CASE("audio: the Hann window is torch.hann_window(512)'s, bit for bit") {
  const auto w = hann_window(512);
  REQUIRE(w.size() == 512);
  CHECK(w[0] == 0.0f);
  CHECK(w[256] == 1.0f);
  // torch 0.13's values where the window rounded once from f64 differs (0x1.3bd2c8p-15, … at 1..6).
  const float torch[] = {0x1.3bcp-15f, 0x1.3bdp-13f, 0x1.634p-12f, 0x1.3bc4p-11f, 0x1.ed54p-11f, 0x1.6326p-10f};
  for (int k = 1; k <= 6; ++k) {
    CAPTURE(k);
    CHECK(w[static_cast<std::size_t>(k)] == torch[k - 1]);
  }
}

TEST_CASE("audio: the build's FFTW wisdom plans the vocoder's lengths, and the plans transform correctly") {
  REQUIRE(fftwf_import_wisdom_from_string(kFftWisdom) != 0);
  float* real = fftwf_alloc_real(512);
  fftwf_complex* bins = fftwf_alloc_complex(257);
  for (unsigned flags : {0u, 1u}) {  // forward, then inverse
    fftwf_plan p = flags == 0 ? fftwf_plan_dft_r2c_1d(512, real, bins, FFTW_MEASURE | FFTW_WISDOM_ONLY)
                              : fftwf_plan_dft_c2r_1d(512, bins, real, FFTW_MEASURE | FFTW_WISDOM_ONLY);
    CHECK(p != nullptr);  // measured at build time, not estimated now
    if (p) fftwf_destroy_plan(p);
  }
  fftwf_free(real);
  fftwf_free(bins);

  std::vector<float> x(512), back(512);
  for (std::size_t n = 0; n < 512; ++n) x[n] = static_cast<float>(std::sin(0.3 * n) + 0.25 * std::cos(1.7 * n));
  std::vector<std::complex<float>> got(257);
  RealFft fft(512);
  fft.forward(x.data(), got.data());
  for (std::size_t k = 0; k < 257; k += 16) {  // against the DFT's definition
    std::complex<double> want = 0;
    for (std::size_t n = 0; n < 512; ++n) want += double(x[n]) * std::polar(1.0, -2 * std::numbers::pi * k * n / 512);
    CAPTURE(k);
    CHECK(std::abs(std::complex<double>(got[k]) - want) < 1e-3);
  }
  fft.inverse(got.data(), back.data());
  for (std::size_t n = 0; n < 512; n += 31) CHECK(back[n] / 512 == doctest::Approx(x[n]).epsilon(1e-5));
}
