#include "runtime/fused/kernel_export.h"

#include <map>
#include <stdexcept>

#include "runtime/fused/pipeline_builder.h"

namespace auger::rt::fused {

std::vector<std::vector<ArgSlot>> compile_kernels(const std::vector<KernelSpec>& specs,
                                                  const std::vector<std::string>& names, const std::string& object,
                                                  const std::string& header) {
  if (specs.empty() || specs.size() != names.size()) throw std::invalid_argument("compile_kernels: no kernels");
  const Halide::Target target = kernel_target().with_feature(Halide::Target::NoRuntime);
  std::vector<Halide::Module> modules;
  std::vector<std::vector<ArgSlot>> slots;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    BuiltKernel built = build_kernel(specs[i]);
    modules.push_back(built.pipeline.compile_to_module(built.params->arguments(), names[i], target));
    slots.push_back(built.params->slots());
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

void compile_halide_runtime(const std::string& object) {
  Halide::compile_standalone_runtime(object, kernel_target());
}

std::string kernel_target_string() {
  return kernel_target().to_string();
}

}  // namespace auger::rt::fused
