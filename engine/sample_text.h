// The text side of a worker's sample (engine/sample_runner): text fields taken from the stored sample — a field's
// value, else for the schema's only text field a `.txt` line or a shard's KEY.txt member — then tokenised, run
// through the trace's text ops and written back with their tags (engine/text_fields), as `auger apply` does.
#pragma once

#include <nlohmann/json.hpp>

#include "compiler/sema/schema.h"
#include "runtime/io/source.h"
#include "runtime/ops/trace.h"
#include "runtime/text/run_text.h"

namespace auger::engine {

// Fills the schema's only text field from a "txt" or "text" file of `s` (a .txt line) or its "txt" field (a shard's
// KEY.txt member) when `fields` lacks it.
void gather_text(const rt::io::StoredSample& s, const SchemaInfo& schema, nlohmann::ordered_json& fields);

// Runs the trace's text ops on the text fields of `fields` and writes them back with their tags. Throws
// std::runtime_error naming the field (invalid UTF-8, empty, too long, tags of the wrong length) or the op.
void augment_text(const rt::Trace& trace, const SchemaInfo& schema, const rt::text::StreamKey& stream,
                  nlohmann::ordered_json& fields);

}  // namespace auger::engine
