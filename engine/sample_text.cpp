#include "engine/sample_text.h"

#include "engine/text_fields.h"

namespace auger::engine {

void gather_text(const rt::io::StoredSample& s, const SchemaInfo& schema, nlohmann::ordered_json& fields) {
  const auto texts = schema.of_kind(FieldKind::Text);
  if (texts.size() != 1 || fields.contains(texts.front()->name)) return;
  for (const char* name : {"txt", "text"})
    if (auto it = s.blobs.find(name); it != s.blobs.end()) {
      // Kept as bytes: tokenising checks the encoding and names the offset of a bad byte.
      fields[texts.front()->name] = it->second;
      return;
    }
  if (s.fields.contains("txt") && s.fields["txt"].is_string()) fields[texts.front()->name] = s.fields["txt"];  // tar
}

void augment_text(const rt::Trace& trace, const SchemaInfo& schema, const rt::text::StreamKey& stream,
                  nlohmann::ordered_json& fields) {
  if (schema.of_kind(FieldKind::Text).empty()) return;
  nlohmann::json values(fields);
  TextFields text = take_text_fields(values, schema);
  require_text_targets(trace, text, schema);
  rt::text::run_text(trace, stream, text.texts);
  put_text_fields(text, values);
  for (const auto& [name, sample] : text.texts) {
    fields[name] = values[name];
    for (const auto& tags : sample.tag_fields) fields[tags] = values[tags];
  }
}

}  // namespace auger::engine
