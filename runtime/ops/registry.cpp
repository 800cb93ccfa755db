// The table of image ops: each family file contributes its ops.
#include "runtime/ops/image_op.h"
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

const ImageOp* find_image_op(std::string_view name) {
  for (const auto& op : image_ops())
    if (op.name == name) return &op;
  return nullptr;
}

const BatchOp* find_batch_op(std::string_view name) {
  static const std::vector<BatchOp> ops = batch_ops();
  for (const auto& op : ops)
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace auger::rt
