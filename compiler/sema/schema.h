// Sample schemas (language.md §4): the field kinds and their arguments.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/base/source_manager.h"

namespace auger {

enum class FieldKind { Image, Mask, Boxes, Keypoints, Class, MultiLabel, Soft, Text, Tags, Audio, Spectrogram, Frames };

std::string_view field_kind_name(FieldKind k);
std::optional<FieldKind> field_kind_from(std::string_view name);
// Images, masks, boxes and keypoints move with the image's geometry.
bool is_geometric_field(FieldKind k);

struct FieldInfo {
  std::string name;
  FieldKind kind = FieldKind::Image;
  bool optional = false;  // `T?`
  int list_depth = 0;     // `T[]`
  Span span;              // the whole field declaration
  Span type_span;

  // image: "rgb" | "gray" | "rgba"; element "u8" (as decoded) or "f32"
  std::string color = "rgb";
  std::string element = "u8";
  // mask / class / multilabel / soft / tags: number of classes; mask ignore index
  int classes = 0;
  int ignore = 255;
  // boxes
  std::string box_format = "xyxy";
  bool normalized = false;
  // keypoints
  int keypoints = 0;
  bool has_flip = false;
  std::vector<std::pair<int, int>> flip_pairs;
  std::vector<std::pair<int, int>> skeleton;
  // text
  std::string lang = "en";
  // audio
  double sample_rate = 16000;
  std::string channels = "mono";
  // spectrogram
  int bins = 0;
  // frames: the frame period in seconds
  double frame_period = 0.01;

  [[nodiscard]] int channel_count() const;      // image channels
  [[nodiscard]] std::string type_text() const;  // as written: "image(rgb)", "class(80)[]"
};

struct SchemaInfo {
  std::string name;
  std::vector<FieldInfo> fields;
  Span span;
  Span name_span;

  [[nodiscard]] const FieldInfo* field(const std::string& name) const;
  [[nodiscard]] std::vector<const FieldInfo*> of_kind(FieldKind k) const;
  [[nodiscard]] bool has(FieldKind k) const { return !of_kind(k).empty(); }
};

}  // namespace auger
