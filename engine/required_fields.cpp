#include "engine/required_fields.h"

#include <fmt/format.h>

#include <stdexcept>

namespace auger::engine {

void require_fields(const SchemaInfo& schema, const std::set<std::string>& present) {
  for (const auto& f : schema.fields)
    if (!f.optional && !present.count(f.name))
      throw std::runtime_error(fmt::format("field `{}` is required by sample `{}` and missing", f.name, schema.name));
}

}  // namespace auger::engine
