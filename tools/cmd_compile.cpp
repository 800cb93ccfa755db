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

// Parses --target: "host" or "host,cuda"; returns the error, empty when fine.
std::string check_target(const std::string& target) {
  std::set<std::string> parts;
  std::istringstream in(target);
  for (std::string p; std::getline(in, p, ',');) parts.insert(p);
  for (const auto& p : parts)
    if (p != "host" && p != "cuda") return fmt::format("unknown target `{}` (targets: host, cuda)", p);
  if (parts.count("cuda"))
    return "the CUDA kernels are not built yet: only `--target host` compiles (the GPU schedules come with the "
           "CUDA work)";
  if (!parts.count("host")) return "no target given (use --target host)";
  return "";
}

int compile_policy(const Options& o) {
  if (const std::string err = check_target(o.target); !err.empty()) {
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
  nlohmann::ordered_json manifest = {{"auger", "0.1.0"},
                                     {"policy", lp.policy->name},
                                     {"file", o.file},
                                     {"file_sha256", lp.file_sha256},
                                     {"target", rt::fused::kernel_target_string()}};
  auto kernels = nlohmann::ordered_json::array();
  try {
    if (!specs.empty()) {
      std::cerr << fmt::format("auger compile: {} kernel{} for {}…\n", specs.size(), specs.size() == 1 ? "" : "s",
                               rt::fused::kernel_target_string());
      std::vector<std::string> names;
      for (std::size_t i = 0; i < specs.size(); ++i) names.push_back(fmt::format("{}_k{}", stem, i));
      const auto slots =
          rt::fused::compile_kernels(specs, names, (dir / (stem + ".o")).string(), (dir / (stem + ".h")).string());
      rt::fused::compile_halide_runtime((dir / "auger_halide_runtime.o").string());
      for (std::size_t i = 0; i < specs.size(); ++i) {
        auto args = nlohmann::ordered_json::array();
        for (const auto& s : slots[i]) args.push_back({{"name", s.name}, {"type", kind_name(s.kind)}});
        args.push_back({{"name", "output"}, {"type", "buffer"}});
        kernels.push_back({{"function", names[i]}, {"structure", specs[i].structure()}, {"arguments", args}});
      }
      manifest["objects"] = {stem + ".o", "auger_halide_runtime.o"};
      manifest["header"] = stem + ".h";
    } else {
      manifest["objects"] = nlohmann::ordered_json::array();
    }
  } catch (const std::exception& e) {
    std::cerr << fmt::format("error: compiling the kernels failed: {}\n", e.what());
    return kExitRunFailed;
  }
  manifest["kernels"] = kernels;
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
    std::cout << fmt::format("{}: policy `{}`: {} kernels in {}, header {}, manifest {}\n", o.file, lp.policy->name,
                             specs.size(), (dir / (stem + ".o")).string(), (dir / (stem + ".h")).string(),
                             (dir / "manifest.json").string());
  return kExitOk;
}

}  // namespace

std::function<int()> register_compile(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "compile", "Compile the kernels a policy may run, for embedding: objects, a C header, a manifest");
  cmd->footer(
      "Writes DIR/auger_P.o (the kernels), DIR/auger_halide_runtime.o (the Halide runtime they share), DIR/auger_P.h "
      "(their C declarations) and DIR/manifest.json (which function is which kernel structure, and its arguments' "
      "names and types). The kernels are those built into auger, for this machine's CPU features.\nExit codes: 0 "
      "success, 1 errors in the policy, 2 wrong usage (an unknown or unbuilt --target), 3 the compile or a write "
      "failed.");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy (may be left out when the file has one)");
  cmd->add_option("--target", o->target, "host (default); host,cuda is not built yet");
  cmd->add_option("-o,--output", o->output, "Folder the files are written to (created if missing)")->required();
  cmd->add_option("--set", o->sets, "Override a policy parameter (repeatable)")->allow_extra_args(false);
  add_front_options(*cmd, o->front);
  return [o]() { return compile_policy(*o); };
}

}  // namespace auger::cli
