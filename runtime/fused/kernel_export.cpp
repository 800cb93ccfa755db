#include "runtime/fused/kernel_export.h"

#include <map>
#include <stdexcept>

#include "runtime/fused/pipeline_builder.h"

namespace auger::rt::fused {

namespace {

Halide::Target device_target(KernelDevice device) {
  const Halide::Target cpu = kernel_target();
  if (device == KernelDevice::Cpu) return cpu;
  // Halide 14's default PTX is sm_20, which current toolkits no longer assemble; sm_80 PTX runs on A100 and later.
  return cpu.with_feature(Halide::Target::CUDA).with_feature(Halide::Target::CUDACapability80);
}

}  // namespace

std::string ptx_of(const Halide::Module& module) {
  for (const auto& b : module.buffers())
    if (b.name().find("gpu_source_kernels") != std::string::npos) {
      std::string text(reinterpret_cast<const char*>(b.data()), b.size_in_bytes());
      while (!text.empty() && text.back() == '\0') text.pop_back();
      return text;
    }
  return "";
}

std::vector<std::vector<ArgSlot>> compile_kernels(const std::vector<KernelSpec>& specs,
                                                  const std::vector<std::string>& names, const std::string& object,
                                                  const std::string& header, KernelDevice device,
                                                  std::vector<std::string>* ptx) {
  if (specs.empty() || specs.size() != names.size()) throw std::invalid_argument("compile_kernels: no kernels");
  const Halide::Target target = device_target(device).with_feature(Halide::Target::NoRuntime);
  std::vector<Halide::Module> modules;
  std::vector<std::vector<ArgSlot>> slots;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    BuiltKernel built = build_kernel(specs[i], device);
    modules.push_back(built.pipeline.compile_to_module(built.params->arguments(), names[i], target));
    slots.push_back(built.params->slots());
    if (ptx) ptx->push_back(ptx_of(modules.back()));
  }
  Halide::Module linked = Halide::link_modules(names.front() + "_module", modules);
  // link_modules does not carry the members' strict-float mark, without which LLVM fuses multiplies and adds
  // (saturation's blend then rounds differently from the reference).
  linked.set_any_strict_float(true);
  std::map<Halide::OutputFileType, std::string> outputs = {{Halide::OutputFileType::object, object}};
  if (!header.empty()) outputs[Halide::OutputFileType::c_header] = header;
  linked.compile(outputs);
  return slots;
}

void compile_halide_runtime(const std::string& object, KernelDevice device) {
  Halide::compile_standalone_runtime(object, device_target(device));
}

std::string kernel_target_string(KernelDevice device) {
  return device_target(device).to_string();
}

}  // namespace auger::rt::fused
