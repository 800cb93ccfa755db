#include "runtime/fused/aot_kernels.h"

#include "runtime/fused/aot_registry.h"
#include "runtime/fused/halide_build.h"

namespace auger::rt::fused {

std::string aot_target() {
  return aot_registry_target();
}

bool aot_target_matches() {
  static const bool same = aot_target() == kernel_target().to_string();
  return same;
}

const std::vector<AotKernel>& aot_kernels() {
  static const std::vector<AotKernel> kernels = [] {
    std::vector<AotKernel> out;
    if (!aot_target_matches()) return out;
    for (const auto& table : aot_registry_tables())
      for (const AotTableRow& row : table) out.push_back({row.structure, parse_slots(row.slots), row.argv});
    return out;
  }();
  return kernels;
}

}  // namespace auger::rt::fused
