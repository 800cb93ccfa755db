#include "runtime/audio/frame_labels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "runtime/ops/op_record.h"

namespace auger::rt::audio {

namespace {

using nlohmann::json;

// Nearest-frame resampling by `scale` (output duration / input duration): round(n * scale) frames, frame j taking
// the label of the input frame under its centre, (j + 0.5) / scale — the half-pixel convention of a nearest resize.
json rescale(const json& in, double scale) {
  const auto n = static_cast<std::int64_t>(in.size());
  const auto m = static_cast<std::int64_t>(std::nearbyint(static_cast<double>(n) * scale));
  json out = json::array();
  for (std::int64_t j = 0; j < m; ++j) {
    const auto src = static_cast<std::int64_t>(std::floor((static_cast<double>(j) + 0.5) / scale));
    out.push_back(in[static_cast<std::size_t>(std::clamp<std::int64_t>(src, 0, n - 1))]);
  }
  return out;
}

// The content moves k frames later (earlier when negative): rotated, or the vacated frames take the label 0.
json shift(const json& in, std::int64_t k, bool roll) {
  const auto n = static_cast<std::int64_t>(in.size());
  json out = json::array();
  for (std::int64_t j = 0; j < n; ++j) {
    std::int64_t src = j - k;
    if (roll) src = ((src % n) + n) % n;
    out.push_back(src >= 0 && src < n ? in[static_cast<std::size_t>(src)] : json(0));
  }
  return out;
}

// time_warp's map, inverted: spectrogram positions p (frame i spans [i, i + 1)) in the output come from c / t * p
// left of t and from c + (p - t) * (L - c) / (L - t) right of it. An alignment frame's centre is placed on the
// spectrogram by its time (frame i of a centred STFT is at i * hop / rate seconds), mapped back, and takes the label
// of the input frame it lands in. The count is kept.
json warp(const json& in, const AudioShape& spec, double period, double c, double t) {
  const auto n = static_cast<std::int64_t>(in.size());
  const double frame_s = static_cast<double>(spec.hop) / spec.rate, L = static_cast<double>(spec.cols);
  json out = json::array();
  for (std::int64_t j = 0; j < n; ++j) {
    const double p = (static_cast<double>(j) + 0.5) * period / frame_s + 0.5;
    double q = p;
    if (p < t)
      q = p * c / t;
    else if (p < L)
      q = c + (p - t) * (L - c) / (L - t);
    const auto src = static_cast<std::int64_t>(std::floor((q - 0.5) * frame_s / period));
    out.push_back(in[static_cast<std::size_t>(std::clamp<std::int64_t>(src, 0, n - 1))]);
  }
  return out;
}

json move_one(const AppliedOp& op, const AudioShape& in, const json& v, double period) {
  switch (op_id(op.op)) {
    case OpId::Speed: {
      // The real factor: the op resamples from int(factor * rate) to rate.
      const double src = std::trunc(op.args.number("factor") * in.rate);
      return rescale(v, in.rate / src);
    }
    case OpId::TimeStretch: return rescale(v, 1.0 / op.args.number("rate"));
    case OpId::TimeShift: {
      const double s = op.args.number("shift");
      const auto k = static_cast<std::int64_t>(std::nearbyint(s / (in.rate * period)));
      return shift(v, k, op.args.text("mode", "roll") == "roll");
    }
    case OpId::TimeWarp: {
      const double c = op.args.number("center", -1), t = op.args.number("target", -1);
      if (c < 0 || in.hop == 0) return v;  // the warp did nothing
      return warp(v, in, period, c, t);
    }
    default: return v;
  }
}

}  // namespace

void move_frames(const AppliedOp& op, const AudioShape& in, const FrameLabels& labels) {
  if (!labels.values) return;
  const OpId id = op_id(op.op);
  if (id != OpId::Speed && id != OpId::TimeStretch && id != OpId::TimeShift && id != OpId::TimeWarp) return;
  for (const auto& f : labels.fields) {
    if (!labels.values->contains(f.name) || (*labels.values)[f.name].is_null()) continue;
    json& v = (*labels.values)[f.name];
    if (!v.is_array())
      throw std::runtime_error("field `" + f.name + "` (frames) must be a list with one label per frame");
    if (v.empty()) continue;
    v = move_one(op, in, v, f.period);
  }
}

}  // namespace auger::rt::audio
