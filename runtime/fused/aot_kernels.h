// The kernels compiled ahead of time at build time: every member of the catalog (kernel_catalog.h), linked into the
// runtime with one Halide runtime. runtime/fused/kernelgen writes them and their tables; this is how the runtime
// finds them.
#pragma once

#include <string>
#include <vector>

#include "runtime/fused/kernel_args.h"

namespace auger::rt::fused {

// One row of a generated table: the kernel's structure, its argument slots ("B:name;I:name;F:name", in the
// compiled function's order) and its argv entry point.
struct AotTableRow {
  const char* structure;
  const char* slots;
  int (*argv)(void**);
};

struct AotKernel {
  std::string structure;
  std::vector<ArgSlot> slots;
  int (*argv)(void**) = nullptr;
};

// The kernels compiled at build time, when they were compiled for the target this process would compile for
// (the same host features); empty otherwise, and then every kernel is compiled at run time instead.
const std::vector<AotKernel>& aot_kernels();

// The target the build compiled them for, and whether it is this process's.
std::string aot_target();
bool aot_target_matches();

// Parses a table row's slot text.
std::vector<ArgSlot> parse_slots(const std::string& text);
// The inverse, for the generator.
std::string format_slots(const std::vector<ArgSlot>& slots);

}  // namespace auger::rt::fused
