#include "tools/preview_spectrogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "runtime/audio/audio_op.h"

namespace auger::cli {

namespace {

constexpr double kLogFloor = 1e-6;                   // melspec's own
constexpr double kRangeNats = 8.0 * 2.302585092994;  // 80 dB of power, in ln units
constexpr double kTintAlpha = 0.3;

// The melspec arguments the policy used, else torchaudio-like speech defaults; n_fft grown to hold the window.
rt::Args melspec_args(const nlohmann::ordered_json& params, double rate) {
  nlohmann::ordered_json mel = nlohmann::ordered_json::object();
  for (const auto& [site, p] : params.items())
    if (p.value("op", "") == "melspec") mel = p;
  const double win = mel.value("win", 0.025);
  const auto win_samples = static_cast<long long>(std::nearbyint(win * rate));
  long long n_fft = mel.value("n_fft", 512LL);
  while (n_fft < win_samples) n_fft *= 2;
  rt::Args a;
  a.set("n_mels", rt::ArgValue::num(mel.value("n_mels", 80), true));
  a.set("win", rt::ArgValue::num(win));
  a.set("hop", rt::ArgValue::num(mel.value("hop", 0.010)));
  a.set("n_fft", rt::ArgValue::num(static_cast<double>(n_fft), true));
  a.set("log", rt::ArgValue::of_bool(true));
  return a;
}

bool melspec_was_log(const nlohmann::ordered_json& params) {
  bool log = true;
  for (const auto& [site, p] : params.items())
    if (p.value("op", "") == "melspec") log = p.value("log", false);
  return log;
}

cv::Scalar bgr(const int (&rgb)[3]) {
  return {static_cast<double>(rgb[2]), static_cast<double>(rgb[1]), static_cast<double>(rgb[0])};
}

// The first pixel at or after index `v` of a `n`-long axis drawn `px` pixels long: ceil(v * px / n).
int first_pixel(double v, std::size_t n, int px) {
  const auto num = static_cast<long long>(std::llround(std::max(0.0, v))) * px;
  return static_cast<int>(std::min<long long>(px, (num + static_cast<long long>(n) - 1) / static_cast<long long>(n)));
}

// The pixels [lo, hi) showing [start, end) of an axis, at least one pixel wide.
std::pair<int, int> span(const std::pair<double, double>& m, std::size_t n, int px) {
  const int lo = std::min(first_pixel(m.first, n, px), px - 1);
  return {lo, std::max(lo + 1, first_pixel(m.second, n, px))};
}

// Tints the masked rectangles, then outlines them and dashes the warp targets (outlines on top of every tint).
void draw_marks(cv::Mat& pic, const SpectrogramMarks& marks, std::size_t frames, std::size_t bins) {
  const int w = pic.cols, h = pic.rows;
  std::vector<std::pair<cv::Rect, cv::Scalar>> rects;
  for (const auto& m : marks.time) {
    const auto [x0, x1] = span(m, frames, w);
    rects.push_back({cv::Rect(x0, 0, x1 - x0, h), bgr(kTimeMaskRgb)});
  }
  for (const auto& m : marks.freq) {
    const auto [d0, d1] = span(m, bins, h);  // counted from the bottom row
    rects.push_back({cv::Rect(0, h - d1, w, d1 - d0), bgr(kFreqMaskRgb)});
  }
  for (const auto& [r, colour] : rects) {
    cv::Mat roi = pic(r), tint(roi.size(), roi.type(), colour);
    cv::addWeighted(tint, kTintAlpha, roi, 1 - kTintAlpha, 0, roi);
  }
  for (const auto& [r, colour] : rects) cv::rectangle(pic, r, colour, 1, cv::LINE_8);
  for (double t : marks.warps) {
    const int x = std::min(first_pixel(t, frames, w), w - 1);
    for (int y = 0; y < h; y += 8) cv::line(pic, {x, y}, {x, std::min(h - 1, y + 3)}, bgr(kWarpRgb), 1, cv::LINE_8);
  }
}

}  // namespace

rt::audio::Signal display_log_mel(const rt::audio::Signal& s, const nlohmann::ordered_json& params) {
  rt::audio::Signal out = s;
  if (s.shape.spectrogram) {
    if (!melspec_was_log(params))
      for (auto& v : out.data) v = static_cast<float>(std::log(std::max(0.0, static_cast<double>(v)) + kLogFloor));
    return out;
  }
  const rt::audio::AudioOp* melspec = rt::audio::find_audio_op("melspec");
  if (!melspec) throw std::runtime_error("melspec has no runtime implementation");
  melspec->apply(melspec_args(params, s.shape.rate), out);
  return out;
}

cv::Mat draw_spectrogram(const rt::audio::Signal& log_mel, int width, int height, const SpectrogramMarks& marks) {
  const std::size_t frames = log_mel.shape.cols, bins = static_cast<std::size_t>(log_mel.shape.rows);
  cv::Mat grey(height, width, CV_8UC1, cv::Scalar(0));
  if (frames == 0 || bins == 0) return cv::Mat(height, width, CV_8UC3, cv::Scalar(0, 0, 0));
  double hi = -std::numeric_limits<double>::infinity();
  for (float v : log_mel.data)
    if (std::isfinite(v)) hi = std::max(hi, static_cast<double>(v));
  const double lo = hi - kRangeNats;
  for (int r = 0; r < height; ++r) {
    const auto bin = static_cast<int>(static_cast<long long>(height - 1 - r) * static_cast<long long>(bins) / height);
    const float* row = log_mel.row(bin);
    for (int x = 0; x < width; ++x) {
      const double v =
          row[static_cast<std::size_t>(static_cast<long long>(x) * static_cast<long long>(frames) / width)];
      const double k = std::isfinite(v) && std::isfinite(hi) ? std::clamp((v - lo) / kRangeNats, 0.0, 1.0) : 0.0;
      grey.at<std::uint8_t>(r, x) = static_cast<std::uint8_t>(std::lround(k * 255));
    }
  }
  cv::Mat pic;
  cv::applyColorMap(grey, pic, cv::COLORMAP_MAGMA);
  draw_marks(pic, marks, frames, bins);
  return pic;
}

}  // namespace auger::cli
