// The tools' side of the label transforms (runtime/labels): the schema as the runtime needs it, and one call that
// moves a sample's labels — its non-pixel fields and its masks — through the trace its image ran.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/sema/schema.h"
#include "runtime/image/image.h"
#include "runtime/labels/labels.h"
#include "runtime/ops/trace.h"

namespace auger::engine {

struct SampleLabels {
  rt::labels::LabelSchema schema;
  std::string image;  // the schema's first image field: the ops on it move the labels
  bool any = false;   // the schema has a field that moves with the image (boxes, keypoints, mask, text)
};

SampleLabels sample_labels(const SchemaInfo& schema);

// Converts fields a source stored in its own format (rt::io::StoredSample::formats, e.g. COCO's xywh boxes) into
// the schema's, for an image of w x h.
void to_schema_formats(const SampleLabels& labels, const std::map<std::string, std::string>& formats, int w, int h,
                       nlohmann::json& fields);

// Moves `fields` and the mask fields of `images` through `trace`; `in` is the image's shape before the first op.
// Throws std::runtime_error when a label cannot follow (boxes through `elastic`) or is malformed.
void move_labels(const SampleLabels& labels, const rt::Trace& trace, const rt::Shape& in, nlohmann::json& fields,
                 std::map<std::string, rt::Image>& images);

}  // namespace auger::engine
