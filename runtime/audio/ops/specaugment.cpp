// SpecAugment's spectrogram ops (ops.md §5; Park et al. 2019): time_mask and freq_mask as torchaudio 0.13's
// TimeMasking / FrequencyMasking (F.mask_along_axis, `count` times), time_warp as the ESPnet sparse warp. Every
// draw is resolved into "params": the masks as [start, end) pairs, the warp as its centre and target.
#include <algorithm>
#include <cmath>

#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"

namespace auger::rt::audio {

namespace {

// F.mask_along_axis's draws for `count` masks along an axis of `length`: v = u1 * param, s = u2 * (length - v),
// mask [int(s), int(s) + int(v)). Mask i uses the op's draws 2i and 2i + 1.
std::vector<double> draw_masks(double param, int count, std::size_t length, const rng::DrawStream& draws) {
  std::vector<double> bounds;
  if (param < 1) return bounds;
  for (int i = 0; i < count; ++i) {
    const auto base = kOpDrawBase + 2 * static_cast<std::uint32_t>(i);
    const double v = draws.uniform01(base) * param;
    const double s = draws.uniform01(base + 1) * (static_cast<double>(length) - v);
    const auto start = static_cast<std::int64_t>(s);
    bounds.push_back(static_cast<double>(start));
    bounds.push_back(static_cast<double>(start + static_cast<std::int64_t>(v)));
  }
  return bounds;
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
  for (std::size_t i = 0; i + 1 < masks.size(); i += 2)
    for (int r = 0; r < s.shape.rows; ++r)
      std::fill(s.row(r) + static_cast<std::ptrdiff_t>(masks[i]), s.row(r) + static_cast<std::ptrdiff_t>(masks[i + 1]),
                value);
}

void apply_freq_mask(const Args& args, Signal& s) {
  const auto masks = args.list("masks");
  const auto value = static_cast<float>(args.number("value", 0));
  for (std::size_t i = 0; i + 1 < masks.size(); i += 2)
    for (auto r = static_cast<int>(masks[i]); r < static_cast<int>(masks[i + 1]); ++r)
      std::fill(s.row(r), s.row(r) + s.shape.cols, value);
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
// centres (F.interpolate, align_corners=False: src = (j + 0.5) * n_in / n_out - 0.5, clamped at 0).
void stretch(const float* in, std::int64_t n_in, float* out, std::int64_t n_out) {
  const double scale = static_cast<double>(n_in) / static_cast<double>(n_out);
  for (std::int64_t j = 0; j < n_out; ++j) {
    const double src = std::max(0.0, (static_cast<double>(j) + 0.5) * scale - 0.5);
    const auto i0 = std::min(static_cast<std::int64_t>(src), n_in - 1);
    const auto i1 = std::min(i0 + 1, n_in - 1);
    const double l = src - static_cast<double>(i0);
    out[j] = static_cast<float>((1.0 - l) * in[i0] + l * in[i1]);
  }
}

void apply_time_warp(const Args& args, Signal& s) {
  const auto c = static_cast<std::int64_t>(args.number("center", -1)),
             t = static_cast<std::int64_t>(args.number("target", -1));
  const auto len = static_cast<std::int64_t>(s.shape.cols);
  if (c <= 0 || t <= 0 || c >= len || t >= len) return;
  std::vector<float> out(s.data.size());
  for (int r = 0; r < s.shape.rows; ++r) {
    const float* in = s.row(r);
    float* o = out.data() + static_cast<std::size_t>(r) * s.shape.cols;
    stretch(in, c, o, t);
    stretch(in + c, len - c, o + t, len - t);
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
