#include "runtime/ops/run_reference.h"

#include <stdexcept>

#include "runtime/ops/image_op.h"
#include "runtime/ops/op_record.h"

namespace auger::rt {

void run_reference(const Trace& trace, std::map<std::string, Image>& images) {
  for (const auto& applied : trace.ops) {
    const auto* op = find_image_op(applied.op);
    if (!op) {
      if (find_batch_op(applied.op)) continue;  // batch ops run on collated batches, not here
      if (const OpRecord* r = find_op(applied.op);
          r && (r->modality == Modality::Audio || r->modality == Modality::Text))
        continue;  // audio and text ops run on their own fields (runtime/audio/run_audio, runtime/text/run_text)
      throw std::runtime_error("`" + applied.op + "` has no reference implementation");
    }
    for (const auto& t : applied.targets)
      if (auto it = images.find(t); it != images.end()) op->apply(applied.args, it->second);
  }
}

}  // namespace auger::rt
