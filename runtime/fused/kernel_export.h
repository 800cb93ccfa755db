// Compiling kernels to files: what the build's generator (kernelgen) and `auger compile` share. Internal to the
// kernel builder (it links Halide).
#pragma once

#include <Halide.h>

#include <string>
#include <vector>

#include "runtime/fused/kernel_args.h"
#include "runtime/fused/kernel_spec.h"

namespace auger::rt::fused {

// Compiles specs[i] as the C function names[i] (and names[i] + "_argv") for the device's target, into one object
// file without a Halide runtime and, when `header` is not empty, a C header declaring them. Returns each
// function's argument slots, in its parameter order (the output buffer last, not listed). For CUDA, `ptx` (when
// given) receives each function's device code as PTX text (the object embeds the same text; the driver JITs it).
std::vector<std::vector<ArgSlot>> compile_kernels(const std::vector<KernelSpec>& specs,
                                                  const std::vector<std::string>& names, const std::string& object,
                                                  const std::string& header = "",
                                                  KernelDevice device = KernelDevice::Cpu,
                                                  std::vector<std::string>* ptx = nullptr);

// The one Halide runtime those objects need, as an object file (with CUDA: the runtime that loads libcuda when
// first called, so linking needs no GPU or driver).
void compile_halide_runtime(const std::string& object, KernelDevice device = KernelDevice::Cpu);

// The PTX a CUDA module carries (Halide keeps each module's device code as a NUL-terminated buffer); empty when it
// has none.
std::string ptx_of(const Halide::Module& module);

// The target string they are compiled for (Halide's Target::to_string).
std::string kernel_target_string(KernelDevice device = KernelDevice::Cpu);

}  // namespace auger::rt::fused
