// torchaudio 0.13's resampling kernel (`_get_sinc_resample_kernel` with F.resample's defaults: a Hann window,
// lowpass_filter_width 6, rolloff 0.99) for rates reduced by their gcd to orig -> next. Tap j of phase i sits at
// t = ((j - width) / orig - i / next) * base = m * base / (orig * next), with the integer m = (j - width) * next
// - i * orig: every weight is a function of |m| alone. So the kernel is one table over m (half of the phases x taps
// weights, by symmetry), from which resample's loops read each phase's run of taps.
#pragma once

#include <cstdint>
#include <vector>

namespace auger::rt::audio {

// The taps j in [lo, hi] of one phase: those inside the window (|t| < 6).
struct TapRun {
  std::int64_t lo = 0, hi = -1;
  std::int64_t count() const { return hi - lo + 1; }
};

struct SincKernel {
  std::int64_t orig = 0, next = 0;  // the reduced rates; next is also the number of phases
  std::int64_t width = 0;           // torchaudio's zero padding before the input (after it: width + orig)
  std::int64_t taps = 0;            // 2 * width + orig: the kernel's length, padding included
  std::vector<float> weight;        // weight[|m|] for |m| < weight.size(); outside the window every weight is 0

  std::int64_t m(std::int64_t phase, std::int64_t tap) const { return (tap - width) * next - phase * orig; }
  float at(std::int64_t m) const {
    const auto a = static_cast<std::uint64_t>(m < 0 ? -m : m);
    return a < weight.size() ? weight[a] : 0.0f;
  }
  // The runs of phases [first, first + n) into out[0, n).
  void runs(std::int64_t first, std::int64_t n, TapRun* out) const;
};

// The kernel for orig -> next (positive, coprime).
SincKernel sinc_kernel(std::int64_t orig, std::int64_t next);

}  // namespace auger::rt::audio
