#include "compiler/sema/schema.h"

#include <fmt/format.h>

#include <array>

namespace auger {

namespace {
constexpr std::array<std::pair<FieldKind, std::string_view>, 12> kKinds = {{
    {FieldKind::Image, "image"},
    {FieldKind::Mask, "mask"},
    {FieldKind::Boxes, "boxes"},
    {FieldKind::Keypoints, "keypoints"},
    {FieldKind::Class, "class"},
    {FieldKind::MultiLabel, "multilabel"},
    {FieldKind::Soft, "soft"},
    {FieldKind::Text, "text"},
    {FieldKind::Tags, "tags"},
    {FieldKind::Audio, "audio"},
    {FieldKind::Spectrogram, "spectrogram"},
    {FieldKind::Frames, "frames"},
}};
}  // namespace

std::string_view field_kind_name(FieldKind k) {
  for (const auto& [kind, name] : kKinds) {
    if (kind == k) return name;
  }
  return "?";
}

std::optional<FieldKind> field_kind_from(std::string_view name) {
  for (const auto& [kind, n] : kKinds) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

bool is_geometric_field(FieldKind k) {
  return k == FieldKind::Image || k == FieldKind::Mask || k == FieldKind::Boxes || k == FieldKind::Keypoints;
}

int FieldInfo::channel_count() const {
  if (color == "gray") return 1;
  if (color == "rgba") return 4;
  return 3;
}

std::string FieldInfo::type_text() const {
  std::string out;
  switch (kind) {
    case FieldKind::Image:
      out = element == "f32" ? fmt::format("image({}, f32)", color) : fmt::format("image({})", color);
      break;
    case FieldKind::Mask: out = fmt::format("mask({})", classes); break;
    case FieldKind::Boxes: out = fmt::format("boxes({}{})", box_format, normalized ? ", normalized" : ""); break;
    case FieldKind::Keypoints: out = fmt::format("keypoints({})", keypoints); break;
    case FieldKind::Class: out = fmt::format("class({})", classes); break;
    case FieldKind::MultiLabel: out = fmt::format("multilabel({})", classes); break;
    case FieldKind::Soft: out = fmt::format("soft({})", classes); break;
    case FieldKind::Text: out = fmt::format("text({})", lang); break;
    case FieldKind::Tags: out = fmt::format("tags({})", classes); break;
    case FieldKind::Audio: {
      double khz = sample_rate / 1000.0;
      out = fmt::format("audio({}kHz, {})", khz, channels);
      break;
    }
    case FieldKind::Spectrogram: out = fmt::format("spectrogram({})", bins); break;
    case FieldKind::Frames: out = fmt::format("frames({}ms)", frame_period * 1000.0); break;
  }
  for (int i = 0; i < list_depth; ++i) out += "[]";
  if (optional) out += "?";
  return out;
}

const FieldInfo* SchemaInfo::field(const std::string& n) const {
  for (const auto& f : fields) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

std::vector<const FieldInfo*> SchemaInfo::of_kind(FieldKind k) const {
  std::vector<const FieldInfo*> out;
  for (const auto& f : fields) {
    if (f.kind == k) out.push_back(&f);
  }
  return out;
}

}  // namespace auger
