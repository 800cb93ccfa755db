#include "compiler/sema/effects.h"

#include <fmt/format.h>

namespace auger {

const std::vector<EffectSpec>& effect_vocabulary() {
  static const std::vector<EffectSpec> v = {
      {"geometry", "none", false},      {"geometry", "flip", false},       {"geometry", "affine", false},
      {"geometry", "perspective", false}, {"geometry", "crop", false},     {"geometry", "resize", false},
      {"geometry", "pad", false},       {"geometry", "nonrigid", false},
      {"shape", "keep", false},         {"shape", "square", true, "size"},         {"shape", "exact", true, "size"},
      {"shape", "grow", true, "px"},          {"shape", "expand", true, "expand"},         {"shape", "dynamic", false},
      {"boxes", "keep", false},         {"boxes", "exact", false},         {"boxes", "enclose", true, "boxes"},
      {"boxes", "crop", true, "min_visibility"},          {"boxes", "occlude", true, "boxes"},        {"boxes", "unwarpable", false},
      {"boxes", "unmixable", false},
      {"keypoints", "keep", false},     {"keypoints", "transform", false}, {"keypoints", "mirror", false},
      {"keypoints", "occlude", false},  {"keypoints", "unwarpable", false}, {"keypoints", "unmixable", false},
      {"mask", "keep", false},          {"mask", "warp_nearest", false},   {"mask", "unmixable", false},
      {"text", "keep", false},          {"text", "swap", true, "caption"},            {"text", "edit", false},
      {"tags", "keep", false},          {"tags", "align", false},          {"tags", "unalignable", false},
      {"frames", "keep", false},        {"frames", "rescale", false},      {"frames", "shift", false},
      {"class", "keep", false},         {"class", "soften", false},
      {"random", "none", false},        {"random", "draws", false},
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
    pick<Geometry>(value, {{"none", Geometry::None}, {"flip", Geometry::Flip}, {"affine", Geometry::Affine},
                           {"perspective", Geometry::Perspective}, {"crop", Geometry::Crop},
                           {"resize", Geometry::Resize}, {"pad", Geometry::Pad}, {"nonrigid", Geometry::Nonrigid}},
                   fx.geometry);
    fx.geometry_span = span;
  } else if (key == "shape") {
    pick<ShapeEffect>(value, {{"keep", ShapeEffect::Keep}, {"square", ShapeEffect::Square},
                              {"exact", ShapeEffect::Exact}, {"grow", ShapeEffect::Grow},
                              {"expand", ShapeEffect::Expand}, {"dynamic", ShapeEffect::Dynamic}},
                      fx.shape);
    fx.shape_param = p;
  } else if (key == "boxes") {
    pick<BoxesEffect>(value, {{"keep", BoxesEffect::Keep}, {"exact", BoxesEffect::Exact},
                              {"enclose", BoxesEffect::Enclose}, {"crop", BoxesEffect::Crop},
                              {"occlude", BoxesEffect::Occlude}, {"unwarpable", BoxesEffect::Unwarpable},
                              {"unmixable", BoxesEffect::Unmixable}},
                      fx.boxes);
    fx.boxes_param = p;
    fx.boxes_span = span;
  } else if (key == "keypoints") {
    pick<KeypointsEffect>(value, {{"keep", KeypointsEffect::Keep}, {"transform", KeypointsEffect::Transform},
                                  {"mirror", KeypointsEffect::Mirror}, {"occlude", KeypointsEffect::Occlude},
                                  {"unwarpable", KeypointsEffect::Unwarpable},
                                  {"unmixable", KeypointsEffect::Unmixable}},
                          fx.keypoints);
    fx.keypoints_span = span;
  } else if (key == "mask") {
    pick<MaskEffect>(value, {{"keep", MaskEffect::Keep}, {"warp_nearest", MaskEffect::WarpNearest},
                             {"unmixable", MaskEffect::Unmixable}},
                     fx.mask);
    fx.mask_span = span;
  } else if (key == "text") {
    pick<TextEffect>(value, {{"keep", TextEffect::Keep}, {"swap", TextEffect::Swap}, {"edit", TextEffect::Edit}},
                     fx.text);
    fx.text_param = p;
    fx.text_span = span;
  } else if (key == "tags") {
    pick<TagsEffect>(value, {{"keep", TagsEffect::Keep}, {"align", TagsEffect::Align},
                             {"unalignable", TagsEffect::Unalignable}},
                     fx.tags);
    fx.tags_span = span;
  } else if (key == "frames") {
    pick<FramesEffect>(value, {{"keep", FramesEffect::Keep}, {"rescale", FramesEffect::Rescale},
                               {"shift", FramesEffect::Shift}},
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

}  // namespace auger
