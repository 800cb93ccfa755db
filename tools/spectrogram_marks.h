// Where SpecAugment's draws fell on a sample's final spectrogram, read from its recorded "params": the masks of
// time_mask and freq_mask as [start, end) frames or mel bins, and time_warp's target frame.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace auger::cli {

struct SpectrogramMarks {
  std::vector<std::pair<double, double>> time, freq;  // [start, end), frames / mel bins
  std::vector<double> warps;                          // the frame each time_warp moved its centre to
};

// The marks of every spectrogram op in `params` (in trace order) on a spectrogram of `frames` frames. A time mask
// drawn before a time_warp is moved as the warp moved its frames, so that it outlines what is masked in the result.
SpectrogramMarks spectrogram_marks(const nlohmann::ordered_json& params, std::size_t frames);

}  // namespace auger::cli
