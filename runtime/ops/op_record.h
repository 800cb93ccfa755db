// One record per op of the standard library, keyed by its OpId: the facts the planner, the runtime and the labels
// need, declared once. The op's contract (parameters, effects, docs) is its stdlib declaration; this record is its
// one C++ side. engine::check_op_records() checks at prelude load that every `op` declaration has exactly one
// record and every record a declaration.
#pragma once

#include <string_view>
#include <vector>

#include "runtime/audio/audio_op.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/kernel_class.h"
#include "runtime/ops/op_geometry.h"
#include "runtime/ops/op_id.h"
#include "runtime/text/text_op.h"

namespace auger::rt {

enum class Modality { Image, Batch, Audio, Text };

struct OpRecord {
  OpId id;
  std::string_view name;  // as the stdlib declares it
  Modality modality;
  KernelClass kernel;              // which fused kernel it can join (Reference: none)
  std::string_view statistics;     // what a kernel must measure over its input first; empty: nothing
  bool region_decode = false;      // as the first op of a sample, the decoder may decode just its box
  GeometryMap geometry = nullptr;  // where its input's points land (labels move with it); null: moves no pixel
  const ImageOp* image = nullptr;  // resolve/apply (the reference); null: no runtime implementation yet
  const BatchOp* batch = nullptr;
  const audio::AudioOp* audio = nullptr;  // resolve/apply of an audio or spectrogram op; null: not run yet
  const text::TextOp* text = nullptr;     // a text op (runtime/text); null: not run yet
};

const std::vector<OpRecord>& op_records();  // in OpId order
const OpRecord& op_record(OpId id);
// The one place an op's name is looked up; nullptr for a name the stdlib does not declare.
const OpRecord* find_op(std::string_view name);
// The id of the op named `name`; OpId::Count when the stdlib declares no such op.
OpId op_id(std::string_view name);

}  // namespace auger::rt
