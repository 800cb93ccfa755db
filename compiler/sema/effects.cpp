#include "compiler/sema/effects.h"

#include <fmt/format.h>

namespace auger {

const std::vector<EffectSpec>& effect_vocabulary() {
  static const std::vector<EffectSpec> v = {
      {"geometry", "none", false, ""},       {"geometry", "flip", false, ""},
      {"geometry", "affine", false, ""},     {"geometry", "perspective", false, ""},
      {"geometry", "crop", false, ""},       {"geometry", "resize", false, ""},
      {"geometry", "pad", false, ""},        {"geometry", "nonrigid", false, ""},
      {"shape", "keep", false, ""},          {"shape", "square", true, "size"},
      {"shape", "exact", true, "size"},      {"shape", "grow", true, "px"},
      {"shape", "expand", true, "expand"},   {"shape", "dynamic", false, ""},
      {"boxes", "keep", false, ""},          {"boxes", "exact", false, ""},
      {"boxes", "enclose", true, "boxes"},   {"boxes", "crop", true, "min_visibility"},
      {"boxes", "occlude", true, "boxes"},   {"boxes", "unwarpable", false, ""},
      {"boxes", "unmixable", false, ""},     {"keypoints", "keep", false, ""},
      {"keypoints", "transform", false, ""}, {"keypoints", "mirror", false, ""},
      {"keypoints", "occlude", false, ""},   {"keypoints", "unwarpable", false, ""},
      {"keypoints", "unmixable", false, ""}, {"mask", "keep", false, ""},
      {"mask", "warp_nearest", false, ""},   {"mask", "unmixable", false, ""},
      {"text", "keep", false, ""},           {"text", "swap", true, "caption"},
      {"text", "edit", false, ""},           {"tags", "keep", false, ""},
      {"tags", "align", false, ""},          {"tags", "unalignable", false, ""},
      {"frames", "keep", false, ""},         {"frames", "rescale", false, ""},
      {"frames", "shift", false, ""},        {"class", "keep", false, ""},
      {"class", "soften", false, ""},        {"random", "none", false, ""},
      {"random", "draws", false, ""},
  };
  return v;
}

namespace {

template <typename E>
bool pick(std::string_view value, std::initializer_list<std::pair<std::string_view, E>> table, E& out) {
  for (const auto& [name, e] : table) {
    if (name == value) {
      out = e;
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> apply_effect(Effects& fx, std::string_view key, std::string_view value,
                                        const std::string* param, Span span) {
  const EffectSpec* spec = nullptr;
  bool key_known = false;
  for (const auto& s : effect_vocabulary()) {
    if (s.key == key) {
      key_known = true;
      if (s.value == value) spec = &s;
    }
  }
  if (!key_known) return fmt::format("unknown effect key `{}`", key);
  if (!spec) {
    std::string values;
    for (const auto& s : effect_vocabulary()) {
      if (s.key == key) values += (values.empty() ? "" : ", ") + std::string(s.value);
    }
    return fmt::format("`{}` is not an effect on `{}` (expected one of: {})", value, key, values);
  }
  if (!spec->takes_param && param) return fmt::format("effect `{}: {}` takes no parameter", key, value);
  const std::string p = param ? *param : std::string(spec->default_param);

  if (key == "geometry") {
    pick<Geometry>(value,
                   {{"none", Geometry::None},
                    {"flip", Geometry::Flip},
                    {"affine", Geometry::Affine},
                    {"perspective", Geometry::Perspective},
                    {"crop", Geometry::Crop},
                    {"resize", Geometry::Resize},
                    {"pad", Geometry::Pad},
                    {"nonrigid", Geometry::Nonrigid}},
                   fx.geometry);
    fx.geometry_span = span;
  } else if (key == "shape") {
    pick<ShapeEffect>(value,
                      {{"keep", ShapeEffect::Keep},
                       {"square", ShapeEffect::Square},
                       {"exact", ShapeEffect::Exact},
                       {"grow", ShapeEffect::Grow},
                       {"expand", ShapeEffect::Expand},
                       {"dynamic", ShapeEffect::Dynamic}},
                      fx.shape);
    fx.shape_param = p;
  } else if (key == "boxes") {
    pick<BoxesEffect>(value,
                      {{"keep", BoxesEffect::Keep},
                       {"exact", BoxesEffect::Exact},
                       {"enclose", BoxesEffect::Enclose},
                       {"crop", BoxesEffect::Crop},
                       {"occlude", BoxesEffect::Occlude},
                       {"unwarpable", BoxesEffect::Unwarpable},
                       {"unmixable", BoxesEffect::Unmixable}},
                      fx.boxes);
    fx.boxes_param = p;
    fx.boxes_span = span;
  } else if (key == "keypoints") {
    pick<KeypointsEffect>(value,
                          {{"keep", KeypointsEffect::Keep},
                           {"transform", KeypointsEffect::Transform},
                           {"mirror", KeypointsEffect::Mirror},
                           {"occlude", KeypointsEffect::Occlude},
                           {"unwarpable", KeypointsEffect::Unwarpable},
                           {"unmixable", KeypointsEffect::Unmixable}},
                          fx.keypoints);
    fx.keypoints_span = span;
  } else if (key == "mask") {
    pick<MaskEffect>(
        value,
        {{"keep", MaskEffect::Keep}, {"warp_nearest", MaskEffect::WarpNearest}, {"unmixable", MaskEffect::Unmixable}},
        fx.mask);
    fx.mask_span = span;
  } else if (key == "text") {
    pick<TextEffect>(value, {{"keep", TextEffect::Keep}, {"swap", TextEffect::Swap}, {"edit", TextEffect::Edit}},
                     fx.text);
    fx.text_param = p;
    fx.text_span = span;
  } else if (key == "tags") {
    pick<TagsEffect>(
        value, {{"keep", TagsEffect::Keep}, {"align", TagsEffect::Align}, {"unalignable", TagsEffect::Unalignable}},
        fx.tags);
    fx.tags_span = span;
  } else if (key == "frames") {
    pick<FramesEffect>(
        value, {{"keep", FramesEffect::Keep}, {"rescale", FramesEffect::Rescale}, {"shift", FramesEffect::Shift}},
        fx.frames);
    fx.frames_span = span;
  } else if (key == "random") {
    fx.draws = value == "draws";
    fx.random_span = span;
  } else if (key == "class") {
    pick<ClassEffect>(value, {{"keep", ClassEffect::Keep}, {"soften", ClassEffect::Soften}}, fx.klass);
    fx.class_span = span;
  }
  return std::nullopt;
}

std::string effects_text(const Effects& fx) {
  std::vector<std::string> parts;
  auto add = [&](std::string_view key, std::string_view value, const std::string& param = {}) {
    parts.push_back(fmt::format("{}: {}{}", key, value, param.empty() ? "" : "(" + param + ")"));
  };
  static constexpr std::string_view geometry[] = {"none", "flip",   "affine", "perspective",
                                                  "crop", "resize", "pad",    "nonrigid"};
  static constexpr std::string_view shape[] = {"keep", "square", "exact", "grow", "expand", "dynamic"};
  static constexpr std::string_view boxes[] = {"keep",    "exact",      "enclose",  "crop",
                                               "occlude", "unwarpable", "unmixable"};
  static constexpr std::string_view keypoints[] = {"keep", "transform", "mirror", "occlude", "unwarpable", "unmixable"};
  static constexpr std::string_view mask[] = {"keep", "warp_nearest", "unmixable"};
  static constexpr std::string_view text[] = {"keep", "swap", "edit"};
  static constexpr std::string_view tags[] = {"keep", "align", "unalignable"};
  static constexpr std::string_view frames[] = {"keep", "rescale", "shift"};
  static constexpr std::string_view klass[] = {"keep", "soften"};
  if (fx.geometry != Geometry::None) add("geometry", geometry[static_cast<int>(fx.geometry)]);
  if (fx.shape != ShapeEffect::Keep)
    add("shape", shape[static_cast<int>(fx.shape)], fx.shape == ShapeEffect::Dynamic ? "" : fx.shape_param);
  bool boxes_param =
      fx.boxes == BoxesEffect::Enclose || fx.boxes == BoxesEffect::Crop || fx.boxes == BoxesEffect::Occlude;
  if (fx.boxes != BoxesEffect::Keep) add("boxes", boxes[static_cast<int>(fx.boxes)], boxes_param ? fx.boxes_param : "");
  if (fx.keypoints != KeypointsEffect::Keep) add("keypoints", keypoints[static_cast<int>(fx.keypoints)]);
  if (fx.mask != MaskEffect::Keep) add("mask", mask[static_cast<int>(fx.mask)]);
  if (fx.text != TextEffect::Keep)
    add("text", text[static_cast<int>(fx.text)], fx.text == TextEffect::Swap ? fx.text_param : "");
  if (fx.tags != TagsEffect::Keep) add("tags", tags[static_cast<int>(fx.tags)]);
  if (fx.frames != FramesEffect::Keep) add("frames", frames[static_cast<int>(fx.frames)]);
  if (fx.klass != ClassEffect::Keep) add("class", klass[static_cast<int>(fx.klass)]);
  if (fx.draws) add("random", "draws");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "  ") + p;
  return out;
}

}  // namespace auger
