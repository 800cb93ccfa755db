// add_background (ops.md §5): a random recording from a folder mixed in at an SNR, by the formula in
// stdlib/std/prims_audio.aug (MUSAN-style).
#include <cmath>

#include "runtime/audio/background.h"
#include "runtime/audio/ops/families.h"
#include "runtime/ops/image_op.h"

namespace auger::rt::audio {

namespace {

// The drawn file ("file": its path, so "params" names it) and the offset into it, tiled to at least len(x):
// offset = randint(0, len(tiled) - len(x)).
AudioShape resolve_add_background(Args& args, const AudioShape& in, const rng::DrawStream& draws) {
  keep_wave("add_background", in);
  const auto& files = background_files(args.text("dir"));
  const std::string& file = files[draws.choice(kOpDrawBase, files.size())];
  const std::size_t len_b = background_length(file, in.rate);
  const std::size_t tiled = (in.cols + len_b - 1) / len_b * len_b;
  args.set("file", ArgValue::of_enum(file));
  args.set(
      "offset",
      ArgValue::num(static_cast<double>(draws.randint(kOpDrawBase + 1, 0, static_cast<std::int64_t>(tiled - in.cols))),
                    true));
  return in;
}

// b[i] = background[(offset + i) mod len]; out = x + b * rms(x) / (rms(b) * 10^(snr / 20)) on every channel, rms over
// all of x's samples and channels; nothing when x or b is silent.
void apply_add_background(const Args& args, Signal& s) {
  const auto samples = background_samples(args.text("file"), s.shape.rate);
  const std::vector<float>& bg = *samples;
  const std::size_t n = s.shape.cols, offset = static_cast<std::size_t>(args.number("offset"));
  std::vector<float> b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = bg[(offset + i) % bg.size()];
  double sx = 0, sb = 0;
  for (float v : s.data) sx += static_cast<double>(v) * v;
  for (float v : b) sb += static_cast<double>(v) * v;
  if (sx == 0 || sb == 0) return;
  const double rms_x = std::sqrt(sx / static_cast<double>(s.data.size())),
               rms_b = std::sqrt(sb / static_cast<double>(n));
  const auto k = static_cast<float>(rms_x / (rms_b * std::pow(10.0, args.number("snr") / 20.0)));
  for (int c = 0; c < s.shape.rows; ++c) {
    float* row = s.row(c);
    for (std::size_t i = 0; i < n; ++i) row[i] += k * b[i];
  }
}

}  // namespace

std::vector<AudioOp> background_ops() {
  return {{OpId::AddBackground, resolve_add_background, apply_add_background}};
}

}  // namespace auger::rt::audio
