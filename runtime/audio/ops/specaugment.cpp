// SpecAugment's spectrogram ops (ops.md §5; Park et al. 2019): time_mask and freq_mask as torchaudio 0.13's
// TimeMasking / FrequencyMasking (F.mask_along_axis, `count` times), time_warp as the ESPnet sparse warp. Every
// draw is resolved into "params": the masks as [start, end) pairs, the warp as its centre and target.
#include <algorithm>
#include <cmath>
#include <utility>

#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"

namespace auger::rt::audio {

namespace {

// F.mask_along_axis's draws for `count` masks along an axis of `length`: v = u1 * param, s = u2 * (length - v),
// mask [int(s), int(s) + int(v)) with int() truncating toward zero. A param past the axis makes s negative;
// torchaudio masks (arange >= start) & (arange < end), so the mask is that range clamped to [0, length), and that
// clamped range is what is recorded. Mask i uses the op's draws 2i and 2i + 1.
std::vector<double> draw_masks(double param, int count, std::size_t length, const rng::DrawStream& draws) {
  std::vector<double> bounds;
  if (param < 1) return bounds;
  const auto len = static_cast<std::int64_t>(length);
  for (int i = 0; i < count; ++i) {
    const auto base = kOpDrawBase + 2 * static_cast<std::uint32_t>(i);
    const double v = draws.uniform01(base) * param;
    const double s = draws.uniform01(base + 1) * (static_cast<double>(length) - v);
    const auto start = static_cast<std::int64_t>(s), end = start + static_cast<std::int64_t>(v);
    const auto lo = std::clamp<std::int64_t>(start, 0, len);
    bounds.push_back(static_cast<double>(lo));
    bounds.push_back(static_cast<double>(std::clamp<std::int64_t>(end, lo, len)));
  }
  return bounds;
}

// A recorded [start, end) pair as offsets into an axis of `length`, clamped again so that no recorded value can
// reach past the axis.
std::pair<std::size_t, std::size_t> mask_span(const std::vector<double>& masks, std::size_t i, std::size_t length) {
  const auto lo = static_cast<std::size_t>(std::clamp(masks[i], 0.0, static_cast<double>(length)));
  return {lo, static_cast<std::size_t>(std::clamp(masks[i + 1], static_cast<double>(lo), static_cast<double>(length)))};
}

AudioShape resolve_time_mask(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  require_wave("time_mask", in, false);
  const double ratio = args.number("max_ratio", 1.0);
  double param = args.number("T");
  // torchaudio's _get_mask_param: p = 1 leaves T as it is.
  if (ratio != 1.0) param = std::min(param, std::floor(static_cast<double>(in.cols) * ratio));
  args.set("masks", ArgValue::of_list(draw_masks(param, args.integer("count", 1), in.cols, draws)));
  return in;
}

AudioShape resolve_freq_mask(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  require_wave("freq_mask", in, false);
  args.set("masks", ArgValue::of_list(draw_masks(args.number("F"), args.integer("count", 1),
                                                 static_cast<std::size_t>(in.rows), draws)));
  return in;
}

void apply_time_mask(const Args& args, Signal& s) {
  const auto masks = args.list("masks");
  const auto value = static_cast<float>(args.number("value", 0));
  for (std::size_t i = 0; i + 1 < masks.size(); i += 2) {
    const auto [lo, hi] = mask_span(masks, i, s.shape.cols);
    for (int r = 0; r < s.shape.rows; ++r) std::fill(s.row(r) + lo, s.row(r) + hi, value);
  }
}

void apply_freq_mask(const Args& args, Signal& s) {
  const auto masks = args.list("masks");
  const auto value = static_cast<float>(args.number("value", 0));
  for (std::size_t i = 0; i + 1 < masks.size(); i += 2) {
    const auto [lo, hi] = mask_span(masks, i, static_cast<std::size_t>(s.shape.rows));
    for (auto r = lo; r < hi; ++r)
      std::fill(s.row(static_cast<int>(r)), s.row(static_cast<int>(r)) + s.shape.cols, value);
  }
}

// c = randint(W, L - W - 1), t = randint(c - W + 1, c + W); nothing when W = 0 or L <= 2W ("center" -1).
AudioShape resolve_time_warp(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  require_wave("time_warp", in, false);
  const std::int64_t w = args.integer("W"), len = static_cast<std::int64_t>(in.cols);
  std::int64_t c = -1, t = -1;
  if (w > 0 && len > 2 * w) {
    c = draws.randint(kOpDrawBase, w, len - w - 1);
    t = draws.randint(kOpDrawBase + 1, c - w + 1, c + w);
  }
  args.set("center", ArgValue::num(static_cast<double>(c), true));
  args.set("target", ArgValue::num(static_cast<double>(t), true));
  return in;
}

// Output frames [out0, out0 + n_out) read input frames [in0, in0 + n_in) by linear interpolation with half-pixel
// centres (F.interpolate, align_corners=False: src = (j + 0.5) * n_in / n_out - 0.5, clamped at 0): each output
// frame's two input frames and weight, the same for every mel row (so computed once, not once per row).
struct Taps {
  std::vector<std::int64_t> i0, i1;
  std::vector<double> l;
};

void add_taps(std::int64_t in0, std::int64_t n_in, std::int64_t n_out, Taps& taps) {
  const double scale = static_cast<double>(n_in) / static_cast<double>(n_out);
  for (std::int64_t j = 0; j < n_out; ++j) {
    const double src = std::max(0.0, (static_cast<double>(j) + 0.5) * scale - 0.5);
    const auto i0 = std::min(static_cast<std::int64_t>(src), n_in - 1);
    taps.i0.push_back(in0 + i0);
    taps.i1.push_back(in0 + std::min(i0 + 1, n_in - 1));
    taps.l.push_back(src - static_cast<double>(i0));
  }
}

void apply_time_warp(const Args& args, Signal& s) {
  const auto c = static_cast<std::int64_t>(args.number("center", -1)),
             t = static_cast<std::int64_t>(args.number("target", -1));
  const auto len = static_cast<std::int64_t>(s.shape.cols);
  if (c <= 0 || t <= 0 || c >= len || t >= len) return;
  Taps taps;
  add_taps(0, c, t, taps);
  add_taps(c, len - c, len - t, taps);
  std::vector<float> out(s.data.size());
  for (int r = 0; r < s.shape.rows; ++r) {
    const float* in = s.row(r);
    float* o = out.data() + static_cast<std::size_t>(r) * s.shape.cols;
    for (std::size_t j = 0; j < s.shape.cols; ++j)
      o[j] = static_cast<float>((1.0 - taps.l[j]) * in[taps.i0[j]] + taps.l[j] * in[taps.i1[j]]);
  }
  s.data = std::move(out);
}

}  // namespace

std::vector<AudioOp> specaug_ops() {
  return {
      {OpId::TimeMask, resolve_time_mask, apply_time_mask},
      {OpId::FreqMask, resolve_freq_mask, apply_freq_mask},
      {OpId::TimeWarp, resolve_time_warp, apply_time_warp},
  };
}

}  // namespace auger::rt::audio
