#include "runtime/ops/kernel_class.h"

#include "runtime/ops/op_record.h"

namespace auger::rt {

KernelClass kernel_class(std::string_view op) {
  const OpRecord* r = find_op(op);
  return r ? r->kernel : KernelClass::Reference;
}

std::string_view kernel_class_name(KernelClass k) {
  switch (k) {
    case KernelClass::Remap: return "remap";
    case KernelClass::Resample: return "resample";
    case KernelClass::Warp: return "warp";
    case KernelClass::Lut: return "lut";
    case KernelClass::Mix: return "mix";
    case KernelClass::Stencil: return "stencil";
    case KernelClass::Store: return "store";
    case KernelClass::Reference: return "reference";
  }
  return "reference";
}

}  // namespace auger::rt
