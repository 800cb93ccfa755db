#include "compiler/ir/fusion_rules.h"

#include "runtime/ops/op_record.h"

namespace auger::ir {

rt::KernelClass op_class(const Node& n) {
  if (n.kind != NodeKind::Op || !is_image(n.in_type)) return rt::KernelClass::Reference;
  auto c = rt::kernel_class(n.op);
  // The fused kernels work on u8 pixels until the store converts them; after to_float only store ops fuse.
  if (n.in_type.element != "u8" && c != rt::KernelClass::Store) return rt::KernelClass::Reference;
  return c;
}

std::string statistics_of(const std::string& op) {
  const rt::OpRecord* r = rt::find_op(op);
  return r ? std::string(r->statistics) : "";
}

// Per-channel statistics: every Lut op's, and contrast's grey mean (a cross-channel op measured once).
bool is_per_channel(const std::string& op) {
  const rt::OpRecord* r = rt::find_op(op);
  return r && (r->kernel == rt::KernelClass::Lut || r->id == rt::OpId::Contrast);
}

}  // namespace auger::ir
