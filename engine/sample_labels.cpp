#include "engine/sample_labels.h"

namespace auger::engine {

SampleLabels sample_labels(const SchemaInfo& schema) {
  SampleLabels out;
  for (const auto& f : schema.fields) {
    rt::labels::FieldSpec spec;
    spec.name = f.name;
    spec.kind = std::string(field_kind_name(f.kind));
    spec.list = f.list_depth > 0;
    spec.box_format = f.box_format;
    spec.normalized = f.normalized;
    spec.keypoints = f.keypoints;
    spec.flip_pairs = f.flip_pairs;
    spec.skeleton = f.skeleton;
    spec.classes = f.classes;
    spec.ignore = f.ignore;
    if (f.kind == FieldKind::Image && out.image.empty()) out.image = f.name;
    if (f.kind == FieldKind::Boxes || f.kind == FieldKind::Keypoints || f.kind == FieldKind::Mask ||
        f.kind == FieldKind::Text)
      out.any = true;
    out.schema.fields.push_back(std::move(spec));
  }
  return out;
}

void to_schema_formats(const SampleLabels& labels, const std::map<std::string, std::string>& formats, int w, int h,
                       nlohmann::json& fields) {
  for (const auto& [name, format] : formats) {
    const auto* spec = labels.schema.find(name);
    if (!spec || spec->kind != "boxes" || !fields.contains(name)) continue;
    fields[name] = rt::labels::convert_boxes(fields[name], format, *spec, w, h);
  }
}

void move_labels(const SampleLabels& labels, const rt::Trace& trace, const rt::Shape& in, nlohmann::json& fields,
                 std::map<std::string, rt::Image>& images) {
  if (!labels.any || labels.image.empty()) return;
  std::map<std::string, rt::Image> masks;
  for (const auto& spec : labels.schema.fields)
    if (spec.kind == "mask")
      if (auto it = images.find(spec.name); it != images.end()) masks[spec.name] = std::move(it->second);
  try {
    rt::labels::transform(trace, labels.schema, labels.image, in, fields, masks);
  } catch (...) {
    for (auto& [name, mask] : masks) images[name] = std::move(mask);
    throw;
  }
  for (auto& [name, mask] : masks) images[name] = std::move(mask);
}

}  // namespace auger::engine
