#include "runtime/audio/run_audio.h"

#include <stdexcept>

#include "runtime/audio/audio_op.h"
#include "runtime/audio/pending_level.h"
#include "runtime/ops/op_record.h"

namespace auger::rt::audio {

void run_audio(const Trace& trace, std::map<std::string, Signal>& fields, const FrameLabels& frames, bool leave_level) {
  if (fields.empty()) return;
  for (const auto& applied : trace.ops) {
    const OpRecord* record = find_op(applied.op);
    if (!record || record->modality != Modality::Audio) continue;
    const AudioOp* op = record->audio;
    if (!op) throw std::runtime_error("`" + applied.op + "` has no runtime implementation yet");
    for (const auto& t : applied.targets)
      if (auto it = fields.find(t); it != fields.end()) {
        Signal& s = it->second;
        const AudioShape in = s.shape;
        if (!(leave_level && op->defer && op->defer(applied.args, s))) {
          settle(s);
          op->apply(applied.args, s);
        }
        if (t == frames.audio) move_frames(applied, in, frames);
      }
  }
}

}  // namespace auger::rt::audio
