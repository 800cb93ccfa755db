#include "compiler/ir/op_records_check.h"

#include <fmt/format.h>

#include <map>

#include "runtime/ops/op_record.h"

namespace auger::ir {

std::vector<std::string> op_record_mismatches(const std::vector<const OpInfo*>& declared) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (const OpInfo* op : declared) {
    if (++seen[op->name] == 2) out.push_back(fmt::format("op `{}` is declared more than once", op->name));
    const rt::OpRecord* record = rt::find_op(op->name);
    if (!record) {
      out.push_back(fmt::format("op `{}` is declared in the prelude but auger has no record of it", op->name));
      continue;
    }
    // Labels move by the record's map: an op that declares a geometry effect needs one, and only such an op.
    if (op->effects.geometric() != (record->geometry != nullptr))
      out.push_back(fmt::format("op `{}` declares {} geometry effect but its record has {} geometry map", op->name,
                                op->effects.geometric() ? "a" : "no", record->geometry ? "a" : "no"));
  }
  for (const auto& r : rt::op_records())
    if (!seen.count(std::string(r.name)))
      out.push_back(fmt::format("auger has a record of op `{}` but the standard library does not declare it", r.name));
  return out;
}

}  // namespace auger::ir
