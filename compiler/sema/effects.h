// The effect vocabulary of op declarations (docs/language.md §11.3). Each value is one rule of the checker;
// the checker reads these and never lists op names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.h"

namespace auger {

// Each enum lists its values in the order of effect_vocabulary() for its key; that table is the one list of names.
enum class Geometry { None, Flip, Affine, Perspective, Crop, Resize, Pad, Nonrigid };
enum class ShapeEffect { Keep, Square, Exact, Grow, Expand, Dynamic };
enum class BoxesEffect { Keep, Exact, Enclose, Crop, Occlude, Unwarpable, Unmixable };
enum class KeypointsEffect { Keep, Transform, Mirror, Occlude, Unwarpable, Unmixable };
enum class MaskEffect { Keep, WarpNearest, Unmixable };
enum class TextEffect { Keep, Swap, Edit };
enum class TagsEffect { Keep, Align, Unalignable };
enum class FramesEffect { Keep, Rescale, Shift };
enum class ClassEffect { Keep, Soften };

struct Effects {
  Geometry geometry = Geometry::None;
  ShapeEffect shape = ShapeEffect::Keep;
  BoxesEffect boxes = BoxesEffect::Keep;
  KeypointsEffect keypoints = KeypointsEffect::Keep;
  MaskEffect mask = MaskEffect::Keep;
  TextEffect text = TextEffect::Keep;
  TagsEffect tags = TagsEffect::Keep;
  FramesEffect frames = FramesEffect::Keep;
  ClassEffect klass = ClassEffect::Keep;
  bool draws = false;  // `random: draws`: the op samples its own parameters (rule 10)
  // The parameter named inside an effect: `shape: square(size)`, `boxes: enclose(boxes)`, `text: swap(caption)`.
  std::string shape_param, boxes_param, text_param;
  // Where each key was written (for notes); invalid when the key was omitted.
  Span random_span;
  Span geometry_span, boxes_span, keypoints_span, mask_span, text_span, tags_span, frames_span, class_span;

  [[nodiscard]] bool geometric() const { return geometry != Geometry::None; }
};

// One allowed `key: value` of the vocabulary, for validation, docs and error messages.
struct EffectSpec {
  std::string_view key;
  std::string_view value;
  bool takes_param;
  std::string_view default_param;  // the parameter meant when `value` is written without `(param)`
};
const std::vector<EffectSpec>& effect_vocabulary();

// The effects as declared, `key: value(param)` for every key that is not `keep`/`none` (docs, IR printing).
std::string effects_text(const Effects& fx);

// Applies `key: value(param)` to `effects`; returns an error message when the entry is not in the vocabulary.
std::optional<std::string> apply_effect(Effects& effects, std::string_view key, std::string_view value,
                                        const std::string* param, Span span);

}  // namespace auger
