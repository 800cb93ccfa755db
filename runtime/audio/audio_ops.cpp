// The audio family tables joined, and the lookup by name, which goes through the op records.
#include "runtime/audio/audio_op.h"
#include "runtime/audio/ops/families.h"
#include "runtime/ops/op_record.h"

namespace auger::rt::audio {

const std::vector<AudioOp>& audio_ops() {
  static const std::vector<AudioOp> ops = [] {
    std::vector<AudioOp> all;
    for (auto family : {level_ops, time_ops, rate_ops, melspec_ops, specaug_ops, vocoder_ops, background_ops})
      for (const auto& op : family()) all.push_back(op);
    return all;
  }();
  return ops;
}

const AudioOp* find_audio_op(std::string_view name) {
  const OpRecord* r = find_op(name);
  return r ? r->audio : nullptr;
}

}  // namespace auger::rt::audio
