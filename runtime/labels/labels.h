// Labels that follow the image (language.md §4, §7; issue "labels end to end"): boxes, keypoints, masks and
// captions are moved by exactly the resolved geometry each op of a Trace resampled the pixels with. The reference
// and fused paths both run the image ops from the same Trace, so one implementation here serves both.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::labels {

// What the label code needs to know of a schema field (the runtime does not link the compiler: the tools build
// this from the checked SchemaInfo).
struct FieldSpec {
  std::string name;
  std::string kind;   // image mask boxes keypoints class multilabel soft text tags audio spectrogram frames
  bool list = false;  // `T[]`: aligned with the boxes when it has as many entries
  // boxes
  std::string box_format = "xyxy";  // xyxy | xywh | cxcywh
  bool normalized = false;
  // keypoints
  int keypoints = 0;
  std::vector<std::pair<int, int>> flip_pairs, skeleton;
  // mask / class / soft
  int classes = 0;
  int ignore = 255;
};

struct LabelSchema {
  std::vector<FieldSpec> fields;
  [[nodiscard]] const FieldSpec* find(const std::string& name) const;
  [[nodiscard]] const FieldSpec* first_of(const std::string& kind) const;
};

// Boxes in a schema's format <-> [x1, y1, x2, y2] in pixels of a w x h image. Throws std::invalid_argument for an
// entry that is not 4 finite numbers.
std::vector<std::array<double, 4>> boxes_to_xyxy(const nlohmann::json& boxes, const FieldSpec& spec, int w, int h);
nlohmann::json boxes_from_xyxy(const std::vector<std::array<double, 4>>& boxes, const FieldSpec& spec, int w, int h);
// Converts a box list stored in `format` (a source's own, e.g. COCO's "xywh" pixels) to the schema's format.
nlohmann::json convert_boxes(const nlohmann::json& boxes, const std::string& format, const FieldSpec& spec, int w,
                             int h);

// Moves the label fields of one sample through `trace`: `fields` holds the non-pixel fields (boxes, keypoints,
// captions, aligned `[]` lists…) and `masks` the mask fields (1-channel u8). `image` is the schema's first image
// field, whose shape at the start is `in`; ops on it move the labels. Batch ops are skipped (see soften below).
// Throws std::runtime_error for labels that cannot follow an op (boxes through elastic) or malformed values.
void transform(const Trace& trace, const LabelSchema& schema, const std::string& image, const Shape& in,
               nlohmann::json& fields, std::map<std::string, Image>& masks);

}  // namespace auger::rt::labels
