#include "compiler/ir/fusion_rules.h"

namespace auger::ir {

rt::KernelClass op_class(const Node& n) {
  if (n.kind != NodeKind::Op || !is_image(n.in_type)) return rt::KernelClass::Reference;
  auto c = rt::kernel_class(n.op);
  // The fused kernels work on u8 pixels until the store converts them; after to_float only store ops fuse.
  if (n.in_type.element != "u8" && c != rt::KernelClass::Store) return rt::KernelClass::Reference;
  return c;
}

std::string statistics_of(const std::string& op) {
  if (op == "autocontrast") return "per-channel min and max of its input";
  if (op == "equalize") return "per-channel 256-bin histograms of its input";
  if (op == "contrast") return "the mean grey level of its input";
  return "";
}

bool is_per_channel(const std::string& op) {
  return rt::kernel_class(op) == rt::KernelClass::Lut || op == "contrast";
}

}  // namespace auger::ir
