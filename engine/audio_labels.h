// The engine's side of frame-aligned labels (runtime/audio/frame_labels): which audio field a schema's `frames`
// fields follow and their frame periods, bound to one sample's label values.
#pragma once

#include <nlohmann/json.hpp>

#include "compiler/sema/schema.h"
#include "runtime/audio/frame_labels.h"

namespace auger::engine {

// The schema's frames fields follow its first audio field (as box labels follow the first image field); `values`
// holds the sample's non-pixel fields and must outlive the result. Without a frames field nothing moves.
rt::audio::FrameLabels frame_labels(const SchemaInfo& schema, nlohmann::json& values);

}  // namespace auger::engine
