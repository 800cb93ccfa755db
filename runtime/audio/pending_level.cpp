#include "runtime/audio/pending_level.h"

#include <algorithm>
#include <cstring>

#include "runtime/audio/kernels/audio_kernels.h"
#include "runtime/audio/ops/time_shift.h"

namespace auger::rt::audio {

namespace {

// out[i] = in[i] * k for i < n: gain's kernel into the output (a plain copy when k is 1: x * 1 is x).
void copy_scaled(const float* in, std::size_t n, float k, float* out) {
  if (k == 1.0f)
    std::memcpy(out, in, n * sizeof(float));
  else
    kernels::scale_into(in, n, k, out);
}

}  // namespace

void settle(Signal& s) {
  PendingLevel& p = s.pending;
  if (p.has_shift)
    for (int r = 0; r < s.shape.rows; ++r)
      shift_row(s.row(r), static_cast<std::int64_t>(s.shape.cols), p.shift, p.roll);
  if (p.has_gain && p.gain != 1.0f) kernels::scale(s.data.data(), s.data.size(), p.gain);
  p = {};
}

void copy_row_settled(const Signal& s, int r, float* out) {
  const float* in = s.row(r);
  const auto n = static_cast<std::int64_t>(s.shape.cols);
  const float k = s.pending.has_gain ? s.pending.gain : 1.0f;
  const std::int64_t shift = s.pending.has_shift ? s.pending.shift : 0;
  if (n == 0) return;
  // As shift_row moves the row: content j lands at j + k (mod n when rolling, else dropped past the ends).
  auto u = [](std::int64_t v) { return static_cast<std::size_t>(v); };
  if (s.pending.roll || shift == 0) {
    const std::int64_t k_at = ((shift % n) + n) % n;
    copy_scaled(in, u(n - k_at), k, out + k_at);
    copy_scaled(in + (n - k_at), u(k_at), k, out);
  } else if (shift > 0) {
    const std::int64_t m = std::min(shift, n);
    std::fill(out, out + m, 0.0f);
    copy_scaled(in, u(n - m), k, out + m);
  } else {
    const std::int64_t m = std::min(-shift, n);
    copy_scaled(in + m, u(n - m), k, out);
    std::fill(out + (n - m), out + n, 0.0f);
  }
}

}  // namespace auger::rt::audio
