// Frame-aligned labels (`frames(10ms)` fields: forced alignments, VAD) follow the time axis of the audio they
// describe (language.md §7 rule 8): `speed` and `time_stretch` rescale them, `time_shift` shifts them, `time_warp`
// warps them with its piecewise-linear map, each by the rule in its doc (stdlib/std/prims_audio.aug). A frames value
// is a JSON list with one label per frame; the labels themselves are never looked at, only moved.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/audio/signal.h"
#include "runtime/ops/trace.h"

namespace auger::rt::audio {

struct FrameField {
  std::string name;
  double period = 0.01;  // seconds per frame
};

// What run_audio needs to move a sample's frame labels: the audio field they follow (the schema's first audio
// field), the schema's frames fields and the sample's values (fields absent or null have nothing to move).
struct FrameLabels {
  std::string audio;
  std::vector<FrameField> fields;
  nlohmann::json* values = nullptr;
};

// Moves `labels`' fields through `op`, which ran on their audio whose shape before the op was `in`. Ops that keep
// the time axis leave them as they are. Throws std::runtime_error naming the field when a value is not a list.
void move_frames(const AppliedOp& op, const AudioShape& in, const FrameLabels& labels);

}  // namespace auger::rt::audio
