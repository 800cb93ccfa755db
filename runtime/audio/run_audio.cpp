#include "runtime/audio/run_audio.h"

#include <stdexcept>

#include "runtime/audio/audio_op.h"
#include "runtime/ops/op_record.h"

namespace auger::rt::audio {

void run_audio(const Trace& trace, std::map<std::string, Signal>& fields, const FrameLabels& frames) {
  if (fields.empty()) return;
  for (const auto& applied : trace.ops) {
    const OpRecord* record = find_op(applied.op);
    if (!record || record->modality != Modality::Audio) continue;
    if (!record->audio) throw std::runtime_error("`" + applied.op + "` has no runtime implementation yet");
    for (const auto& t : applied.targets)
      if (auto it = fields.find(t); it != fields.end()) {
        const AudioShape in = it->second.shape;
        record->audio->apply(applied.args, it->second);
        if (t == frames.audio) move_frames(applied, in, frames);
      }
  }
}

}  // namespace auger::rt::audio
