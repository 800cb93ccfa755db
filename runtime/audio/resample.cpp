#include "runtime/audio/resample.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/audio/resample_lanes.h"
#include "runtime/audio/sinc_kernel.h"

namespace auger::rt::audio {

namespace {

// torchaudio's padding: k.width zeros before the input and k.width + k.orig after. Only the padding is zeroed: the
// input is most of it.
kernels::AlignedFloats pad(const float* in, std::size_t len, const SincKernel& k) {
  const auto before = static_cast<std::size_t>(k.width), size = len + static_cast<std::size_t>(k.taps);
  auto padded = kernels::aligned_floats(size);
  std::fill_n(padded.get(), before, 0.0f);
  std::copy_n(in, len, padded.get() + before);
  std::fill(padded.get() + before + len, padded.get() + size, 0.0f);
  return padded;
}

}  // namespace

std::size_t resampled_length(std::size_t len, std::int64_t from, std::int64_t to) {
  const std::int64_t g = std::gcd(from, to);
  const auto orig = static_cast<std::size_t>(from / g), next = static_cast<std::size_t>(to / g);
  return (len * next + orig - 1) / orig;
}

// Every rate pair through resample_lanes: for speed's 9 -> 10 and 11 -> 10 too it took half the time of the Halide
// Polyphase kernel (vectorised over each phase's outputs, whose inputs lie orig samples apart), with the same sums
// bit for bit (docs/audio.md).
void resample_rows(Signal& s, std::int64_t from, std::int64_t to) {
  if (from <= 0 || to <= 0) throw std::runtime_error("resample: the rates must be positive whole hertz");
  if (from == to) return;
  const std::int64_t g = std::gcd(from, to);
  const SincKernel k = sinc_kernel(from / g, to / g);
  const std::size_t len = s.shape.cols, out_len = resampled_length(len, from, to);
  std::vector<float> out(static_cast<std::size_t>(s.shape.rows) * out_len);
  for (int r = 0; r < s.shape.rows; ++r)
    resample_lanes(pad(s.row(r), len, k).get(), k, out.data() + static_cast<std::size_t>(r) * out_len, out_len);
  s.data = std::move(out);
  s.shape.cols = out_len;
}

}  // namespace auger::rt::audio
