// Phase-vocoder ops (ops.md §5): time_stretch (tempo, keeping the pitch) and pitch_shift (pitch, keeping the
// duration: torchaudio 0.13's F.pitch_shift), by the formulas in stdlib/std/prims_audio.aug.
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/audio/ops/families.h"
#include "runtime/audio/phase_vocoder.h"
#include "runtime/audio/resample.h"

namespace auger::rt::audio {

namespace {

void require_length(std::string_view op, const AudioShape& in) {
  if (in.cols < kVocoderMinSamples)
    throw std::runtime_error(std::string(op) + ": " + std::to_string(in.cols) + " samples are too few for the " +
                             "phase vocoder's STFT (at least " + std::to_string(kVocoderMinSamples) + ")");
}

// Python's int(round(len / rate)) (round half to even).
std::size_t stretched_length(std::size_t len, double rate) {
  return static_cast<std::size_t>(std::nearbyint(static_cast<double>(len) / rate));
}

// Every channel stretched by `rate` to `out_len` samples.
void stretch_rows(Signal& s, double rate, std::size_t out_len) {
  Signal out = Signal::wave(s.shape.rows, out_len, s.shape.rate);
  for (int c = 0; c < s.shape.rows; ++c) stretch(s.row(c), s.shape.cols, rate, out.row(c), out_len);
  s = std::move(out);
}

AudioShape resolve_time_stretch(Args& args, const AudioShape& in, const rng::DrawStream&) {
  require_wave("time_stretch", in);
  require_length("time_stretch", in);
  AudioShape out = in;
  out.cols = stretched_length(in.cols, args.number("rate"));
  return out;
}

void apply_time_stretch(const Args& args, Signal& s) {
  require_length("time_stretch", s.shape);
  const double rate = args.number("rate");
  stretch_rows(s, rate, stretched_length(s.shape.cols, rate));
}

AudioShape resolve_pitch_shift(Args&, const AudioShape& in, const rng::DrawStream&) {
  keep_wave("pitch_shift", in);
  require_length("pitch_shift", in);
  return in;
}

// r = 2^(-semitones / 12): stretched by r to int(round(len / r)), resampled from int(rate / r) to rate, then cut or
// zero-padded to the input's length.
void apply_pitch_shift(const Args& args, Signal& s) {
  require_length("pitch_shift", s.shape);
  const std::size_t len = s.shape.cols;
  const double r = std::pow(2.0, -args.number("semitones") / 12.0);
  stretch_rows(s, r, stretched_length(len, r));
  const auto rate = static_cast<std::int64_t>(std::llround(s.shape.rate));
  resample_rows(s, static_cast<std::int64_t>(static_cast<double>(rate) / r), rate);
  Signal out = Signal::wave(s.shape.rows, len, s.shape.rate);
  for (int c = 0; c < s.shape.rows; ++c) std::copy_n(s.row(c), std::min(len, s.shape.cols), out.row(c));
  s = std::move(out);
}

}  // namespace

std::vector<AudioOp> vocoder_ops() {
  return {
      {OpId::TimeStretch, resolve_time_stretch, apply_time_stretch},
      {OpId::PitchShift, resolve_pitch_shift, apply_pitch_shift},
  };
}

}  // namespace auger::rt::audio
