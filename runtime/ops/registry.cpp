// The family tables joined, and the lookups by name, which go through the op records.
#include "runtime/ops/image_op.h"
#include "runtime/ops/op_record.h"
#include "runtime/ops/reference/families.h"

namespace auger::rt {

const std::vector<ImageOp>& image_ops() {
  static const std::vector<ImageOp> ops = [] {
    std::vector<ImageOp> all = geometric_ops();
    for (auto& op : pixel_ops()) all.push_back(op);
    return all;
  }();
  return ops;
}

const std::vector<BatchOp>& batch_op_table() {
  static const std::vector<BatchOp> ops = batch_ops();
  return ops;
}

const ImageOp* find_image_op(std::string_view name) {
  const OpRecord* r = find_op(name);
  return r ? r->image : nullptr;
}

const BatchOp* find_batch_op(std::string_view name) {
  const OpRecord* r = find_op(name);
  return r ? r->batch : nullptr;
}

}  // namespace auger::rt
