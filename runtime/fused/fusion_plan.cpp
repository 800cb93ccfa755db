#include "runtime/fused/fusion_plan.h"

#include "runtime/ops/kernel_class.h"
#include "runtime/ops/op_record.h"

namespace auger::rt::fused {

std::string_view head_kind_name(HeadKind k) {
  switch (k) {
    case HeadKind::Input: return "pointwise";
    case HeadKind::Remap: return "remap";
    case HeadKind::Resample: return "resample";
    case HeadKind::Warp: return "warp";
    case HeadKind::Stencil: return "stencil";
    case HeadKind::Reference: return "reference";
  }
  return "reference";
}

bool is_per_channel(std::string_view op) {
  return kernel_class(op) == KernelClass::Lut || op_id(op) == OpId::Contrast;
}

namespace {

bool is_geometry(KernelClass c) {
  return c == KernelClass::Remap || c == KernelClass::Resample || c == KernelClass::Warp;
}

bool is_tail(KernelClass c) {
  return c == KernelClass::Lut || c == KernelClass::Mix || c == KernelClass::Store;
}

// The kernel ops [begin, end) form, reading an image that is f32 when `f32`; updates `f32` to what it writes.
PlannedKernel describe(const std::vector<AppliedOp>& ops, int begin, int end, bool& f32) {
  PlannedKernel k;
  k.begin = begin;
  k.end = end;
  k.tail = begin;
  const auto cls = [&](int i) { return kernel_class(ops[static_cast<std::size_t>(i)].op); };
  bool fits = true, now_f32 = f32;
  for (int i = begin; i < end; ++i) {
    if (cls(i) == KernelClass::Reference || (now_f32 && cls(i) != KernelClass::Store)) fits = false;
    if (op_id(ops[static_cast<std::size_t>(i)].op) == OpId::ToFloat) now_f32 = true;
  }
  f32 = now_f32;
  int i = begin;
  if (fits && cls(begin) == KernelClass::Stencil) {
    k.head = HeadKind::Stencil;
    k.interp = begin;
    i = k.tail = begin + 1;
  } else if (fits) {
    for (; i < end && is_geometry(cls(i)); ++i) {
      if (cls(i) == KernelClass::Remap) continue;
      if (k.interp >= 0) fits = false;  // at most one interpolating op per kernel
      k.interp = i;
    }
    k.tail = i;
    k.head = i == begin                               ? HeadKind::Input
             : k.interp < 0                           ? HeadKind::Remap
             : cls(k.interp) == KernelClass::Resample ? HeadKind::Resample
                                                      : HeadKind::Warp;
  }
  for (; fits && i < end; ++i) fits = is_tail(cls(i));
  if (!fits) {
    k.head = HeadKind::Reference;
    k.tail = end;
    k.interp = -1;
  }
  return k;
}

}  // namespace

std::vector<PlannedKernel> kernels_of(const std::vector<AppliedOp>& ops, Elem input) {
  std::vector<PlannedKernel> out;
  bool f32 = input == Elem::F32;
  const int n = static_cast<int>(ops.size());
  for (int begin = 0; begin < n;) {
    const int id = ops[static_cast<std::size_t>(begin)].kernel;
    int end = begin + 1;
    while (id >= 0 && end < n && ops[static_cast<std::size_t>(end)].kernel == id) ++end;
    out.push_back(describe(ops, begin, end, f32));
    begin = end;
  }
  return out;
}

}  // namespace auger::rt::fused
