#include "compiler/ir/fusion_rules.h"

namespace auger::ir {

rt::KernelClass op_class(const Node& n) {
  if (n.kind != NodeKind::Op || !is_image(n.in_type)) return rt::KernelClass::Reference;
  return rt::kernel_class(n.op);
}

std::string statistics_of(const std::string& op) {
  if (op == "autocontrast") return "per-channel min and max of its input";
  if (op == "equalize") return "per-channel 256-bin histograms of its input";
  if (op == "contrast") return "the mean grey level of its input";
  return "";
}

std::string kernel_kind(rt::KernelClass c) {
  if (is_pointwise(c)) return "pointwise";
  return std::string(rt::kernel_class_name(c));
}

}  // namespace auger::ir
