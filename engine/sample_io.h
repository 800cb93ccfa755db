// The inputs of `auger apply`: a bare image, a bare audio file or a sample file (NAME.json), read against the
// policy's schema.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir/ir.h"
#include "compiler/sema/schema.h"
#include "runtime/audio/signal.h"
#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::engine {

struct LoadedSample {
  std::string key;                                   // the base name without extension
  std::map<std::string, rt::Image> images;           // pixel fields (image, mask), decoded
  std::map<std::string, rt::audio::Signal> audio;    // audio fields, decoded at the schema's rate and channels
  nlohmann::json fields = nlohmann::json::object();  // every other field as given
};

// A bare image or audio file, or a sample file. Throws std::runtime_error with a reason a user can act on (unknown
// field, unreadable or corrupt file, wrong extension).
LoadedSample load_sample(const std::string& input, const ir::Function& fn, const SchemaInfo& schema);

// Every field an op of `trace` needs is present: the image or audio it runs on (labels that are absent have nothing to
// move). Throws std::runtime_error naming the op and the field.
void check_sample_fields(const rt::Trace& trace, const LoadedSample& sample, const ir::Function& fn);

// One statement site's record in "params": {"op": "rotate", "angle": 12.5, …}.
nlohmann::ordered_json params_json(const rt::AppliedOp& applied);

}  // namespace auger::engine
