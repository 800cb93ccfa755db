// time_shift (ops.md §5): a circular or zero-filled shift, by the formula in stdlib/std/prims_audio.aug.
#include "runtime/audio/ops/time_shift.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"

namespace auger::rt::audio {

namespace {

// m = round(max * rate), s = randint(-m, m): "shift" in samples (positive: later).
AudioShape resolve_time_shift(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  keep_wave("time_shift", in);
  const auto m = static_cast<std::int64_t>(std::llround(args.number("max") * in.rate));
  args.set("shift", ArgValue::num(static_cast<double>(draws.randint(kOpDrawBase, -m, m)), true));
  return in;
}

// std::rotate's result by two block copies through a buffer kept per thread (std::rotate swaps element by
// element in cycles, several times slower on long utterances).
void rotate_right(float* row, std::int64_t n, std::int64_t k) {
  if (k == 0) return;
  thread_local std::vector<float> tail;
  tail.assign(row + (n - k), row + n);
  std::memmove(row + k, row, static_cast<std::size_t>(n - k) * sizeof(float));
  std::copy(tail.begin(), tail.end(), row);
  if (tail.capacity() > (std::size_t{1} << 24)) std::vector<float>().swap(tail);
}

void apply_time_shift(const Args& args, Signal& s) {
  const auto shift = static_cast<std::int64_t>(args.number("shift"));
  const bool roll = args.text("mode", "roll") == "roll";
  for (int c = 0; c < s.shape.rows; ++c) shift_row(s.row(c), static_cast<std::int64_t>(s.shape.cols), shift, roll);
}

// Left for the copy out (pending_level.h), unless a shift is pending already.
bool defer_time_shift(const Args& args, Signal& s) {
  if (s.pending.has_shift) return false;
  s.pending.has_shift = true;
  s.pending.shift = static_cast<std::int64_t>(args.number("shift"));
  s.pending.roll = args.text("mode", "roll") == "roll";
  return true;
}

}  // namespace

void shift_row(float* row, std::int64_t n, std::int64_t shift, bool roll) {
  if (n == 0) return;
  if (roll) {
    const std::int64_t k = ((shift % n) + n) % n;  // content moves k samples later
    rotate_right(row, n, k);
  } else if (shift >= 0) {
    const std::int64_t k = std::min(shift, n);
    std::move_backward(row, row + n - k, row + n);
    std::fill(row, row + k, 0.0f);
  } else {
    const std::int64_t k = std::min(-shift, n);
    std::move(row + k, row + n, row);
    std::fill(row + n - k, row + n, 0.0f);
  }
}

std::vector<AudioOp> time_ops() {
  return {{OpId::TimeShift, resolve_time_shift, apply_time_shift, defer_time_shift}};
}

}  // namespace auger::rt::audio
