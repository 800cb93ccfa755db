// Rate ops (ops.md §5): resample (torchaudio F.resample) and speed (Kaldi/Lhotse speed perturbation: resample from
// int(factor * rate) to rate, the result read at the field's rate).
#include <cmath>
#include <numeric>

#include "runtime/audio/ops/families.h"
#include "runtime/audio/resample.h"

namespace auger::rt::audio {

namespace {

std::int64_t whole_hz(std::string_view op, double hz) {
  const auto v = static_cast<std::int64_t>(std::llround(hz));
  if (v <= 0 || std::abs(hz - static_cast<double>(v)) > 1e-9)
    throw std::runtime_error(std::string(op) + ": the rate must be a whole number of hertz, not " + std::to_string(hz));
  return v;
}

AudioShape resolve_resample(Args& args, const AudioShape& in, const rng::DrawStream&) {
  require_wave("resample", in);
  const std::int64_t from = whole_hz("resample", in.rate), to = whole_hz("resample", args.number("rate"));
  AudioShape out = in;
  out.cols = resampled_length(in.cols, from, to);
  out.rate = static_cast<double>(to);
  return out;
}

// The field's rate before the op is not in the arguments: it is the one apply() finds on the signal.
void apply_resample(const Args& args, Signal& s) {
  const std::int64_t to = whole_hz("resample", args.number("rate"));
  resample_rows(s, whole_hz("resample", s.shape.rate), to);
  s.shape.rate = static_cast<double>(to);
}

// src = int(factor * rate) (Python's truncation), dst = rate.
std::int64_t speed_source_rate(const Args& args, double rate) {
  return static_cast<std::int64_t>(args.number("factor") * rate);
}

AudioShape resolve_speed(Args& args, const AudioShape& in, const rng::DrawStream&) {
  require_wave("speed", in);
  const std::int64_t rate = whole_hz("speed", in.rate);
  AudioShape out = in;
  out.cols = resampled_length(in.cols, speed_source_rate(args, in.rate), rate);
  return out;
}

void apply_speed(const Args& args, Signal& s) {
  const std::int64_t rate = whole_hz("speed", s.shape.rate);
  resample_rows(s, speed_source_rate(args, s.shape.rate), rate);
}

}  // namespace

std::vector<AudioOp> rate_ops() {
  return {
      {OpId::Speed, resolve_speed, apply_speed},
      {OpId::Resample, resolve_resample, apply_resample},
  };
}

}  // namespace auger::rt::audio
