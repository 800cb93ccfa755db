#include "runtime/text/run_text.h"

#include <stdexcept>

#include "runtime/ops/op_record.h"
#include "runtime/text/text_op.h"

namespace auger::rt::text {

void run_text(const Trace& trace, const StreamKey& stream, std::map<std::string, TextSample>& fields) {
  if (fields.empty()) return;
  for (const auto& applied : trace.ops) {
    const OpRecord* record = find_op(applied.op);
    if (!record || record->modality != Modality::Text) continue;
    if (!record->text) throw std::runtime_error("`" + applied.op + "` has no runtime implementation yet");
    const rng::DrawStream s(stream.seed, stream.epoch, stream.key, applied.site);
    for (const auto& t : applied.targets)
      if (auto it = fields.find(t); it != fields.end()) {
        Draws draws(s);
        record->text->apply(applied.args, it->second, draws);
      }
  }
}

}  // namespace auger::rt::text
