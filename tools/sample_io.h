// The inputs of `auger apply`: a bare image or a sample file (NAME.json), read against the policy's schema.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir/ir.h"
#include "runtime/image/image.h"
#include "runtime/sampler/trace.h"

namespace auger::cli {

struct LoadedSample {
  std::string key;                            // the base name without extension
  std::map<std::string, rt::Image> images;    // pixel fields (image, mask), decoded
  nlohmann::json fields = nlohmann::json::object();  // every other field as given
};

// Throws std::runtime_error with a reason a user can act on (unknown field, unreadable file, wrong extension).
LoadedSample load_sample(const std::string& input, const ir::Function& fn);

// Boxes, keypoints and masks must follow geometry; until the label transforms land (docs/runtime.md), a sample
// carrying them through a geometric op is refused rather than written with misaligned labels.
void check_labels_supported(const rt::Trace& trace, const LoadedSample& sample, const ir::Function& fn);

// One statement site's record in "params": {"op": "rotate", "angle": 12.5, …}.
nlohmann::ordered_json params_json(const rt::AppliedOp& applied);

}  // namespace auger::cli
