// torch.hann_window(n) (periodic, f32) as torch 0.13 computes it on the CPU: cos(float(k) * float(2 pi / n)) by
// SLEEF's 1-ulp cosf, times -0.5, plus 0.5, all in f32. melspec and the phase vocoder window with it.
#pragma once

#include <cstddef>
#include <vector>

namespace auger::rt::audio {

// The n values: bit for bit torch's for n = 400, 512 and 1024 on this project's machines (torch uses SLEEF's
// vectorised cosf, we its scalar one: they differed in one value of 2048); a more accurate window (cos in f64, rounded once) differs from torch's in up to 2/3 of its values by an ulp, and the
// phase vocoder carries the phase of near-zero bins into every later frame — with such a window a time_stretch of
// a tone followed by near-silence came out 3 % of the peak away from torch's.
std::vector<float> hann_window(std::size_t n);

}  // namespace auger::rt::audio
