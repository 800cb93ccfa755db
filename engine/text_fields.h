// The text fields of a sample (docs/text.md): `text(lang)` strings tokenised for the text ops, each `tags(T)[]`
// field aligned one tag per token with the schema's one text field, and written back after the ops ran.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/sema/schema.h"
#include "runtime/ops/trace.h"
#include "runtime/text/text_sample.h"

namespace auger::engine {

struct TextFields {
  std::map<std::string, rt::text::TextSample> texts;  // by field name
  std::vector<std::string> int_tag_fields;            // tags fields given as class ids (written back as ids)
  std::map<std::string, int> tag_classes;             // each tags field's N (`tags(N)[]`; 0: not given)
};

// Tokenises every text field present in `fields` (a JSON object) and attaches the tags fields to the text field they
// align with. Throws std::runtime_error for a text that is not a string, invalid UTF-8, empty or too long, a tags
// list whose length is not the number of tokens, or tags with several text fields to follow.
TextFields take_text_fields(const nlohmann::json& fields, const SchemaInfo& schema);

// The fields of a sample that is one text, `field` (a line of a `.txt` file): take_text_fields on {field: text}
// without the JSON object.
TextFields take_text_line(const std::string& text, const FieldInfo& field);

// Every text op of `trace` finds the text fields it targets (docs/cli.md: an op whose target is absent is an error
// for that input). Throws std::runtime_error naming the op and the field.
void require_text_targets(const rt::Trace& trace, const TextFields& t, const SchemaInfo& schema);

// Writes the texts and their tags back into `fields`. Throws std::runtime_error for a tag an op inserted into a
// list of class ids that is no class id of its `tags(N)[]` (not a number, or outside 0..N-1).
void put_text_fields(const TextFields& t, nlohmann::json& fields);

}  // namespace auger::engine
