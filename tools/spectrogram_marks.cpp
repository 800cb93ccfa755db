#include "tools/spectrogram_marks.h"

#include <cmath>
#include <string>

namespace auger::cli {

namespace {

// The [start, end) pairs of a mask op's "masks" list, empty ones left out (they mask nothing).
std::vector<std::pair<double, double>> mask_pairs(const nlohmann::ordered_json& op) {
  std::vector<std::pair<double, double>> out;
  const auto masks = op.value("masks", nlohmann::ordered_json::array());
  for (std::size_t i = 0; i + 1 < masks.size(); i += 2)
    if (masks[i].is_number() && masks[i + 1].is_number() && masks[i + 1].get<double>() > masks[i].get<double>())
      out.emplace_back(masks[i].get<double>(), masks[i + 1].get<double>());
  return out;
}

// Frame `x` after time_warp moved frame `c` to `t` on `len` frames: [0, c) stretched onto [0, t), [c, len) onto
// [t, len) (runtime/audio/ops/specaugment).
double warped(double x, double c, double t, double len) {
  return x <= c ? x * t / c : t + (x - c) * (len - t) / (len - c);
}

}  // namespace

SpectrogramMarks spectrogram_marks(const nlohmann::ordered_json& params, std::size_t frames) {
  SpectrogramMarks m;
  const auto len = static_cast<double>(frames);
  for (const auto& [site, p] : params.items()) {
    const std::string op = p.value("op", "");
    if (op == "melspec") {
      m = {};  // a new spectrogram: nothing before it is on it
    } else if (op == "time_mask") {
      for (const auto& pair : mask_pairs(p)) m.time.push_back(pair);
    } else if (op == "freq_mask") {
      for (const auto& pair : mask_pairs(p)) m.freq.push_back(pair);
    } else if (op == "time_warp") {
      const double c = p.value("center", -1.0), t = p.value("target", -1.0);
      if (c <= 0 || t <= 0 || c >= len || t >= len) continue;  // the warp did nothing
      for (auto& [a, b] : m.time) {
        a = std::round(warped(a, c, t, len));
        b = std::round(warped(b, c, t, len));
      }
      for (auto& w : m.warps) w = std::round(warped(w, c, t, len));
      m.warps.push_back(t);
    }
  }
  return m;
}

}  // namespace auger::cli
