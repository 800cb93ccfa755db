// Generated at build time (runtime/CMakeLists.txt writes aot_registry.cpp, kernelgen the tables it lists).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "runtime/fused/aot_kernels.h"

namespace auger::rt::fused {

std::vector<std::span<const AotTableRow>> aot_registry_tables();
std::string aot_registry_target();

}  // namespace auger::rt::fused
