// `auger compile FILE --policy P --target host -o DIR`: the kernels a policy may run, compiled ahead of time for
// embedding — DIR/auger_P.o (the kernels), DIR/auger_halide_runtime.o (the Halide runtime they share),
// DIR/auger_P.h (their C declarations) and DIR/manifest.json (which function is which kernel structure and how
// its arguments are named). The same kernels the auger binary links (runtime/fused/kernel_catalog.h).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "runtime/fused/kernel_export.h"
#include "runtime/fused/policy_kernels.h"
#include "tools/commands.h"
#include "tools/policy_front.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace {

namespace fs = std::filesystem;

struct Options {
  std::string file, policy, output, target = "host";
  std::vector<std::string> sets;
  FrontOptions front;
};

// The image ops the policy can draw, every alternative included.
std::vector<std::string> image_ops(const ir::Function& fn) {
  std::set<std::string> ops;
  ir::for_each_node(fn, [&](const ir::Node& n) {
    if (n.kind == ir::NodeKind::Op && ir::is_image(n.in_type)) ops.insert(n.op);
  });
  return {ops.begin(), ops.end()};
}

// "train" -> "auger_train"; anything but letters, digits and '_' becomes '_' (a C identifier).
std::string stem_of(const std::string& policy) {
  std::string s = "auger_";
  for (char c : policy) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return s;
}

const char* kind_name(rt::fused::ArgKind k) {
  switch (k) {
    case rt::fused::ArgKind::Buffer: return "buffer";
    case rt::fused::ArgKind::Int: return "int32";
    case rt::fused::ArgKind::Float: return "float32";
  }
  return "buffer";
}

struct Targets {
  bool host = false, cuda = false;
};

// Parses --target: "host" or "host,cuda"; returns the error, empty when fine.
std::string parse_targets(const std::string& text, Targets& out) {
  std::istringstream in(text);
  for (std::string p; std::getline(in, p, ',');) {
    if (p == "host")
      out.host = true;
    else if (p == "cuda")
      out.cuda = true;
    else
      return fmt::format("unknown target `{}` (targets: host, cuda)", p);
  }
  if (!out.host) return "the host target is needed (a CUDA kernel's host code runs on the CPU): use host or host,cuda";
  return "";
}

// One device's kernels: DIR/STEM.o, DIR/STEM.h and, for CUDA, DIR/STEM_kI.ptx; each kernel's manifest entry.
nlohmann::ordered_json write_kernels(const std::vector<rt::fused::KernelSpec>& specs, const fs::path& dir,
                                     const std::string& stem, rt::fused::KernelDevice device) {
  const bool cuda = device == rt::fused::KernelDevice::Cuda;
  std::vector<std::string> names, ptx;
  for (std::size_t i = 0; i < specs.size(); ++i) names.push_back(fmt::format("{}_k{}", stem, i));
  const auto slots = rt::fused::compile_kernels(specs, names, (dir / (stem + ".o")).string(),
                                                (dir / (stem + ".h")).string(), device, cuda ? &ptx : nullptr);
  auto kernels = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto args = nlohmann::ordered_json::array();
    for (const auto& s : slots[i]) args.push_back({{"name", s.name}, {"type", kind_name(s.kind)}});
    args.push_back({{"name", "output"}, {"type", "buffer"}});
    nlohmann::ordered_json k = {{"function", names[i]}, {"structure", specs[i].structure()}, {"arguments", args}};
    if (cuda) {
      const std::string file = names[i] + ".ptx";
      std::ofstream out(dir / file, std::ios::binary);
      if (!(out << ptx[i]).flush()) throw std::runtime_error("cannot write " + (dir / file).string());
      k["ptx"] = file;
    }
    kernels.push_back(std::move(k));
  }
  return kernels;
}

// The CPU kernels (objects, header, kernels at the manifest's top level), with cuda the CUDA kernels under "cuda",
// and the one Halide runtime they share (with cuda, the CUDA-capable runtime, which serves the CPU kernels too).
void write_targets(const std::vector<rt::fused::KernelSpec>& specs, const fs::path& dir, const std::string& stem,
                   const Targets& targets, nlohmann::ordered_json& manifest) {
  using rt::fused::KernelDevice;
  const KernelDevice runtime = targets.cuda ? KernelDevice::Cuda : KernelDevice::Cpu;
  manifest["target"] = rt::fused::kernel_target_string(KernelDevice::Cpu);
  manifest["objects"] = nlohmann::ordered_json::array();
  manifest["kernels"] = nlohmann::ordered_json::array();
  if (specs.empty()) return;
  std::cerr << fmt::format("auger compile: {} kernel{} for {}…\n", specs.size(), specs.size() == 1 ? "" : "s",
                           targets.cuda ? "the CPU and CUDA" : "the CPU");
  manifest["kernels"] = write_kernels(specs, dir, stem, KernelDevice::Cpu);
  manifest["objects"] = {stem + ".o", "auger_halide_runtime.o"};
  manifest["header"] = stem + ".h";
  if (targets.cuda)
    manifest["cuda"] = {{"target", rt::fused::kernel_target_string(KernelDevice::Cuda)},
                        {"objects", {stem + "_cuda.o", "auger_halide_runtime.o"}},
                        {"header", stem + "_cuda.h"},
                        {"kernels", write_kernels(specs, dir, stem + "_cuda", KernelDevice::Cuda)}};
  rt::fused::compile_halide_runtime((dir / "auger_halide_runtime.o").string(), runtime);
  manifest["runtime_target"] = rt::fused::kernel_target_string(runtime);
}

int compile_policy(const Options& o) {
  Targets targets;
  if (const std::string err = parse_targets(o.target, targets); !err.empty()) {
    std::cerr << fmt::format("error: --target {}: {}\n", o.target, err);
    return kExitUsage;
  }
  LoadedPolicy lp;
  if (int rc = load_policy(o.file, o.policy, o.sets, o.front, lp); rc != kExitOk) return rc;
  const auto specs = rt::fused::kernels_for_ops(image_ops(lp.fn));
  const std::string stem = stem_of(lp.policy->name);
  const fs::path dir = o.output;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    std::cerr << fmt::format("error: -o {}: cannot create the folder: {}\n", o.output, ec.message());
    return kExitRunFailed;
  }
  nlohmann::ordered_json manifest = {
      {"auger", "0.1.0"}, {"policy", lp.policy->name}, {"file", o.file}, {"file_sha256", lp.file_sha256}};
  try {
    write_targets(specs, dir, stem, targets, manifest);
  } catch (const std::exception& e) {
    std::cerr << fmt::format("error: compiling the kernels failed: {}\n", e.what());
    return kExitRunFailed;
  }
  std::ofstream out(dir / "manifest.json");
  out << manifest.dump(2) << "\n";
  if (!out.flush()) {
    std::cerr << fmt::format("error: cannot write {}\n", (dir / "manifest.json").string());
    return kExitRunFailed;
  }
  if (specs.empty())
    std::cout << fmt::format("{}: policy `{}` runs no fused kernel (nothing to compile); wrote {}\n", o.file,
                             lp.policy->name, (dir / "manifest.json").string());
  else
    std::cout << fmt::format("{}: policy `{}`: {} kernels per target in {}, manifest {}\n", o.file, lp.policy->name,
                             specs.size(), dir.string(), (dir / "manifest.json").string());
  return kExitOk;
}

}  // namespace

std::function<int()> register_compile(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "compile", "Compile the kernels a policy may run, for embedding: objects, a C header, a manifest");
  cmd->footer(
      "Writes DIR/auger_P.o (the CPU kernels), DIR/auger_P.h (their C declarations), with cuda DIR/auger_P_cuda.o, "
      "DIR/auger_P_cuda.h and each CUDA kernel's PTX (DIR/auger_P_cuda_kI.ptx, sm_80 and later), and "
      "DIR/auger_halide_runtime.o (the Halide runtime they share; with cuda it loads the CUDA driver when first "
      "used, so linking needs no GPU) and DIR/manifest.json (per target: which function is which kernel structure, "
      "its arguments' names and types). The CPU kernels are those built into auger, for this machine's CPU "
      "features.\nExit codes: 0 success, 1 errors in the policy, 2 wrong usage (an unknown --target), 3 the compile "
      "or a write failed.");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy (may be left out when the file has one)");
  cmd->add_option("--target", o->target, "host (default) or host,cuda");
  cmd->add_option("-o,--output", o->output, "Folder the files are written to (created if missing)")->required();
  cmd->add_option("--set", o->sets, "Override a policy parameter (repeatable)")->allow_extra_args(false);
  add_front_options(*cmd, o->front);
  return [o]() { return compile_policy(*o); };
}

}  // namespace auger::cli
