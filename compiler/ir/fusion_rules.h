// What the fusion rules need to know of an op: its kernel class (runtime/ops/kernel_class.h, the table the fused
// executor reads too) and whether it needs image-wide statistics of its input. The rules themselves are listed
// in compiler/passes/pipeline.cpp.
#pragma once

#include <string>

#include "compiler/ir/ir.h"
#include "runtime/ops/kernel_class.h"

namespace auger::ir {

// The class of an op on pixels; Reference for any op that is not (audio, text, batch ops are never in kernels).
rt::KernelClass op_class(const Node& n);

inline bool is_sampling(rt::KernelClass c) {
  return c == rt::KernelClass::Remap || c == rt::KernelClass::Resample || c == rt::KernelClass::Warp;
}
inline bool interpolates(rt::KernelClass c) {
  return c == rt::KernelClass::Resample || c == rt::KernelClass::Warp;
}
inline bool is_pointwise(rt::KernelClass c) {
  return c == rt::KernelClass::Lut || c == rt::KernelClass::Mix;
}

// What a pointwise op must know of its whole input before it can map a pixel ("" for none): autocontrast's
// per-channel min and max, equalize's histograms, contrast's mean grey level.
std::string statistics_of(const std::string& op);

// A kernel's kind for an op class alone: remap resample warp pointwise stencil store reference.
std::string kernel_kind(rt::KernelClass c);

}  // namespace auger::ir
