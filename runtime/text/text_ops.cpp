// The text family tables joined, the lookup by name (through the op records) and the shared count rule.
#include <algorithm>
#include <cmath>

#include "runtime/ops/op_record.h"
#include "runtime/text/ops/families.h"
#include "runtime/text/text_op.h"

namespace auger::rt::text {

const std::vector<TextOp>& text_ops() {
  static const std::vector<TextOp> ops = [] {
    std::vector<TextOp> all;
    for (auto family : {eda_ops, char_ops, translate_ops})
      for (const auto& op : family()) all.push_back(op);
    return all;
  }();
  return ops;
}

const TextOp* find_text_op(std::string_view name) {
  const OpRecord* r = find_op(name);
  return r ? r->text : nullptr;
}

std::size_t resolve_count(const Args& args, const std::string& name, std::size_t tokens) {
  const ArgValue& a = args.get(name);
  if (a.fraction) return static_cast<std::size_t>(std::max(1.0, std::floor(a.number * static_cast<double>(tokens))));
  return static_cast<std::size_t>(std::max(0.0, a.number));
}

}  // namespace auger::rt::text
