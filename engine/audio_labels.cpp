#include "engine/audio_labels.h"

namespace auger::engine {

rt::audio::FrameLabels frame_labels(const SchemaInfo& schema, nlohmann::json& values) {
  rt::audio::FrameLabels out;
  for (const auto& f : schema.fields) {
    if (f.kind == FieldKind::Audio && out.audio.empty()) out.audio = f.name;
    if (f.kind == FieldKind::Frames) out.fields.push_back({f.name, f.frame_period});
  }
  if (!out.fields.empty()) out.values = &values;
  return out;
}

}  // namespace auger::engine
