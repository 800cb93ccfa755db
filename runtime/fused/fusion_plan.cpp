#include "runtime/fused/fusion_plan.h"

#include <optional>

#include "runtime/ops/kernel_class.h"

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

bool needs_statistics(std::string_view op) {
  return op == "autocontrast" || op == "equalize" || op == "contrast";
}

bool is_per_channel(std::string_view op) {
  return kernel_class(op) == KernelClass::Lut || op == "contrast";
}

namespace {

// The kernel being built while scanning.
struct Open {
  PlannedKernel k;
  bool geometry = false;        // still in the geometry part (only remaps and the interpolating op so far)
  bool all_per_channel = true;  // every pointwise op so far is a per-channel map
};

}  // namespace

std::vector<PlannedKernel> plan_kernels(const std::vector<std::string_view>& ops, Elem input) {
  std::vector<PlannedKernel> plan;
  std::optional<Open> open;
  bool f32 = input == Elem::F32;
  const int n = static_cast<int>(ops.size());

  auto flush = [&](int at) {
    if (!open) return;
    open->k.end = at;
    if (open->geometry) open->k.tail = at;
    plan.push_back(open->k);
    open.reset();
  };
  auto start = [&](HeadKind head, int at, std::string note) {
    Open o;
    o.k.head = head;
    o.k.begin = at;
    o.k.tail = at;
    o.k.note = std::move(note);
    o.geometry = head == HeadKind::Remap || head == HeadKind::Resample || head == HeadKind::Warp;
    open = o;
  };
  auto end_geometry = [&](int at) {
    if (open && open->geometry) {
      open->geometry = false;
      open->k.tail = at;
    }
  };

  for (int i = 0; i < n; ++i) {
    const std::string_view op = ops[static_cast<std::size_t>(i)];
    const KernelClass cls = kernel_class(op);
    // Rule 1.
    if (cls == KernelClass::Reference || (f32 && cls != KernelClass::Store)) {
      flush(i);
      PlannedKernel r;
      r.head = HeadKind::Reference;
      r.begin = i;
      r.end = r.tail = i + 1;
      r.note = cls == KernelClass::Reference ? "no fused kernel for this op" : "op on an f32 image";
      plan.push_back(r);
      continue;
    }
    switch (cls) {
      case KernelClass::Remap:  // Rule 2.
        if (!open || !open->geometry) {
          flush(i);
          start(HeadKind::Remap, i, "index remap");
        }
        break;
      case KernelClass::Resample:
      case KernelClass::Warp: {  // Rule 3.
        const HeadKind head = cls == KernelClass::Resample ? HeadKind::Resample : HeadKind::Warp;
        if (open && open->geometry && open->k.interp < 0) {
          open->k.head = head;
          open->k.interp = i;
        } else {
          const bool after = open.has_value();
          flush(i);
          start(head, i, after ? "one interpolating op per kernel" : "sampling op");
          open->k.interp = i;
        }
        break;
      }
      case KernelClass::Lut:
      case KernelClass::Mix: {  // Rule 4.
        const bool stats = needs_statistics(op);
        const bool joins = open && (!stats || (open->k.head == HeadKind::Input && open->all_per_channel));
        if (!joins) {
          flush(i);
          start(HeadKind::Input, i, stats ? "needs statistics of its materialised input" : "pointwise");
        }
        end_geometry(i);
        open->all_per_channel = open->all_per_channel && is_per_channel(op);
        break;
      }
      case KernelClass::Stencil:  // Rule 5.
        flush(i);
        start(HeadKind::Stencil, i, "reads neighbours of its materialised input");
        open->k.interp = i;
        open->k.tail = i + 1;
        break;
      case KernelClass::Store:  // Rule 6.
        if (!open) start(HeadKind::Input, i, "store");
        end_geometry(i);
        open->all_per_channel = false;
        if (op == "to_float") f32 = true;
        break;
      case KernelClass::Reference: break;  // handled above
    }
  }
  flush(n);
  return plan;
}

}  // namespace auger::rt::fused
