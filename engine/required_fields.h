// The one rule for absent fields (language.md §4: only `T?` fields may be absent in a sample). Every complete
// sample — one a source hands over to `auger run`, `preview`, `bench` or the loader, and an `apply` sample file —
// goes through require_fields; a bare input to `apply` (an image, audio file or .txt line alone) is one field by
// construction, and only the fields its ops act on must be there (docs/runtime.md "Absent fields").
#pragma once

#include <set>
#include <string>

#include "compiler/sema/schema.h"

namespace auger::engine {

// Throws std::runtime_error ("field `tags` is required by sample `Sentence` and missing") for the first field of
// `schema` declared without `?` that is not in `present` (the names of the fields the sample holds, null ones left
// out by the caller).
void require_fields(const SchemaInfo& schema, const std::set<std::string>& present);

}  // namespace auger::engine
