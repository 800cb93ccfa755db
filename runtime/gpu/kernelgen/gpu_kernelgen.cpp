// Build-time generator of the GPU batch kernels (runtime/gpu/gpu.cmake runs it):
//   auger_gpu_kernelgen --out DIR   DIR/gpu_kernels.o (host code + PTX, no Halide runtime: the CPU kernels' runtime,
//                                   built with CUDA, serves both), DIR/gpu_kernels.h, and DIR/NAME.ptx per kernel
//                                   (the device code the object embeds, for the ptxas check in tests/gpu); and
//                                   DIR/gpu_kernels_host.o/.h: the same pipelines compiled for the CPU as NAME_host
//                                   (plain loops; host_libdevice.cpp gives the libdevice calls), which lets a machine
//                                   without a GPU check the batch kernels' arithmetic and tables against the CPU path
//                                   (tests/gpu); and DIR/check/: both again for any x86-64, with a Halide runtime
//                                   (CUDA), for auger_gpu_check.
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "runtime/fused/halide_build.h"
#include "runtime/fused/kernel_export.h"
#include "runtime/gpu/pipelines/batch_pipelines.h"

namespace fs = std::filesystem;
using namespace auger::rt::gpu;

namespace {

// The PTX of a CUDA module (kernel_export.h), which every GPU kernel must have.
std::string ptx_or_fail(const Halide::Module& module) {
  std::string ptx = auger::rt::fused::ptx_of(module);
  if (ptx.empty()) throw std::runtime_error("no PTX in " + module.name());
  return ptx;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// The kernels for `cpu` (+ CUDA unless `host`): NAME (CUDA) or NAME_host (the CPU build).
void compile(const fs::path& dir, const Halide::Target& cpu, bool host) {
  const Halide::Target base =
      host ? cpu : cpu.with_feature(Halide::Target::CUDA).with_feature(Halide::Target::CUDACapability80);
  const Halide::Target target = base.with_feature(Halide::Target::NoRuntime);
  const std::string suffix = host ? "_host" : "";
  std::vector<Halide::Module> modules;
  for (auto& k : batch_pipelines(!host)) {
    modules.push_back(k.pipeline.compile_to_module(k.args, k.name + suffix, target));
    if (!host) write_file(dir / (k.name + ".ptx"), ptx_or_fail(modules.back()));
  }
  Halide::Module linked = Halide::link_modules("auger_gpu_kernels" + suffix, modules);
  linked.set_any_strict_float(true);  // link_modules drops the members' mark (see kernel_export.cpp)
  const std::string stem = "gpu_kernels" + suffix;
  linked.compile({{Halide::OutputFileType::object, (dir / (stem + ".o")).string()},
                  {Halide::OutputFileType::c_header, (dir / (stem + ".h")).string()}});
}

void generate(const fs::path& dir) {
  fs::create_directories(dir);
  const Halide::Target native = auger::rt::fused::kernel_target();
  compile(dir, native, false);
  compile(dir, native, true);
  // auger_gpu_check travels to GPU machines whose processor is unknown: its copy of the kernels and its own Halide
  // runtime (with CUDA) are built for any x86-64 with SSE4.1.
  const fs::path check = dir / "check";
  fs::create_directories(check);
  const Halide::Target portable("x86-64-linux-sse41-strict_float");
  compile(check, portable, false);
  compile(check, portable, true);
  Halide::compile_standalone_runtime(
      (check / "halide_runtime.o").string(),
      portable.with_feature(Halide::Target::CUDA).with_feature(Halide::Target::CUDACapability80));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc != 3 || std::string(argv[1]) != "--out") throw std::runtime_error("usage: auger_gpu_kernelgen --out DIR");
    generate(argv[2]);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "auger_gpu_kernelgen: " << e.what() << "\n";
    return 1;
  }
}
