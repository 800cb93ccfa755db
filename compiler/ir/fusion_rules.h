// What the fusion rules need to know of an op: its kernel class (runtime/ops/kernel_class.h, the table the fused
// executor reads too) and what it needs of its input. The rules themselves are listed in
// compiler/passes/pipeline.cpp.
#pragma once

#include <string>

#include "compiler/ir/ir.h"
#include "runtime/ops/kernel_class.h"

namespace auger::ir {

// The class an op is planned by: its kernel class, except that an op not on pixels, and any op but a store op
// on an f32 image, is Reference (it runs alone on the reference path; ops on other modalities are in no kernel).
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
// Ops that join the kernel being built: pointwise and store ops.
inline bool is_tail(rt::KernelClass c) {
  return is_pointwise(c) || c == rt::KernelClass::Store;
}

// What a pointwise op must know of its whole input before it can map a pixel ("" for none): autocontrast's
// per-channel min and max, equalize's histograms, contrast's mean grey level.
std::string statistics_of(const std::string& op);
// Ops that map each channel's values independently (one 256-entry table per channel once their statistics are
// known): the Lut class and contrast. Statistics of an image mapped through such tables follow exactly from the
// histograms of the image before them.
bool is_per_channel(const std::string& op);

}  // namespace auger::ir
