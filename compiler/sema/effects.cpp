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

// A value's position among its key's values in the vocabulary: the enums in effects.h list their values in the
// same order, so the vocabulary is the one table of names.
int value_index(std::string_view key, std::string_view value) {
  int i = 0;
  for (const auto& spec : effect_vocabulary()) {
    if (spec.key != key) continue;
    if (spec.value == value) return i;
    ++i;
  }
  return -1;
}

std::string_view value_name(std::string_view key, int index) {
  int i = 0;
  for (const auto& spec : effect_vocabulary()) {
    if (spec.key != key) continue;
    if (i++ == index) return spec.value;
  }
  return "?";
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

  const int i = value_index(key, value);
  if (key == "geometry") {
    fx.geometry = static_cast<Geometry>(i);
    fx.geometry_span = span;
  } else if (key == "shape") {
    fx.shape = static_cast<ShapeEffect>(i);
    fx.shape_param = p;
  } else if (key == "boxes") {
    fx.boxes = static_cast<BoxesEffect>(i);
    fx.boxes_param = p;
    fx.boxes_span = span;
  } else if (key == "keypoints") {
    fx.keypoints = static_cast<KeypointsEffect>(i);
    fx.keypoints_span = span;
  } else if (key == "mask") {
    fx.mask = static_cast<MaskEffect>(i);
    fx.mask_span = span;
  } else if (key == "text") {
    fx.text = static_cast<TextEffect>(i);
    fx.text_param = p;
    fx.text_span = span;
  } else if (key == "tags") {
    fx.tags = static_cast<TagsEffect>(i);
    fx.tags_span = span;
  } else if (key == "frames") {
    fx.frames = static_cast<FramesEffect>(i);
    fx.frames_span = span;
  } else if (key == "random") {
    fx.draws = i == 1;
    fx.random_span = span;
  } else if (key == "class") {
    fx.klass = static_cast<ClassEffect>(i);
    fx.class_span = span;
  }
  return std::nullopt;
}

std::string effects_text(const Effects& fx) {
  std::vector<std::string> parts;
  auto add = [&](std::string_view key, std::string_view value, const std::string& param = {}) {
    parts.push_back(fmt::format("{}: {}{}", key, value, param.empty() ? "" : "(" + param + ")"));
  };
  auto name = [](std::string_view key, auto e) { return value_name(key, static_cast<int>(e)); };
  if (fx.geometry != Geometry::None) add("geometry", name("geometry", fx.geometry));
  if (fx.shape != ShapeEffect::Keep)
    add("shape", name("shape", fx.shape), fx.shape == ShapeEffect::Dynamic ? "" : fx.shape_param);
  bool boxes_param =
      fx.boxes == BoxesEffect::Enclose || fx.boxes == BoxesEffect::Crop || fx.boxes == BoxesEffect::Occlude;
  if (fx.boxes != BoxesEffect::Keep) add("boxes", name("boxes", fx.boxes), boxes_param ? fx.boxes_param : "");
  if (fx.keypoints != KeypointsEffect::Keep) add("keypoints", name("keypoints", fx.keypoints));
  if (fx.mask != MaskEffect::Keep) add("mask", name("mask", fx.mask));
  if (fx.text != TextEffect::Keep) add("text", name("text", fx.text), fx.text == TextEffect::Swap ? fx.text_param : "");
  if (fx.tags != TagsEffect::Keep) add("tags", name("tags", fx.tags));
  if (fx.frames != FramesEffect::Keep) add("frames", name("frames", fx.frames));
  if (fx.klass != ClassEffect::Keep) add("class", name("class", fx.klass));
  if (fx.draws) add("random", "draws");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "  ") + p;
  return out;
}

}  // namespace auger
