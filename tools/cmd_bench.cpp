// `auger bench FILE --policy P --input DIR [--workers N] [--json]`: throughput of decoding, of augmentation alone
// (on images already decoded) and of both together, in samples/s. A plain loop over worker threads; the data
// runtime replaces it with the real pipeline.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "compiler/exec/sampler.h"
#include "runtime/io/image_file.h"
#include "tools/commands.h"
#include "tools/policy_loader.h"
#include "tools/run_path.h"

namespace auger::cli {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct BenchOpts {
  std::string file, policy, input, path = "fused";
  std::vector<std::string> sets;
  int workers = 1;
  double seconds = 3;
  std::size_t limit = 0;
  std::string only;
  bool json = false;
  FrontOptions front;
};

std::vector<std::string> list_images(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".webp" || ext == ".bmp")
      out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Runs `work(worker, i)` for i over 0..n-1 split across `workers` threads, repeating the whole range until at
// least `seconds` passed (one pass at least). Returns items per second.
template <typename F>
double timed(int workers, std::size_t n, double seconds, F work) {
  std::atomic<std::size_t> done{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  std::atomic<std::size_t> next{0};
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (;;) {
        const std::size_t i = next.fetch_add(1);
        if (i >= n && std::chrono::duration<double>(Clock::now() - start).count() >= seconds) return;
        work(w, i);
        done.fetch_add(1);
      }
    });
  for (auto& t : threads) t.join();
  return static_cast<double>(done.load()) / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

std::function<int()> register_bench(CLI::App& app) {
  auto o = std::make_shared<BenchOpts>();
  auto* cmd = app.add_subcommand("bench", "Measure decode, augment and end-to-end throughput in samples/s");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option("--input", o->input, "A folder of images (searched recursively)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--workers", o->workers, "Worker threads (default 1)")->check(CLI::Range(1, 256));
  cmd->add_option("--seconds", o->seconds, "Minimum time per measurement (default 3)")->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--limit", o->limit, "Use at most this many images (default all)");
  cmd->add_option("--set", o->sets, "Override a policy parameter (repeatable)")->allow_extra_args(false);
  cmd->add_option("--path", o->path, "fused (default) or reference")->check(CLI::IsMember({"fused", "reference"}));
  cmd->add_option("--only", o->only, "Measure one stage only (for profiling): decode, augment or end_to_end")
      ->check(CLI::IsMember({"decode", "augment", "end_to_end"}));
  cmd->add_flag("--json", o->json, "Print one JSON object on stdout instead of a table");
  add_front_options(*cmd, o->front);
  return [o]() {
    LoadedPolicy lp;
    if (int rc = load_policy(o->file, o->policy, o->sets, o->front, lp); rc != kExitOk) return rc;
    auto files = list_images(o->input);
    if (o->limit && files.size() > o->limit) files.resize(o->limit);
    if (files.empty()) {
      std::cerr << fmt::format("error: no images under {}\n", o->input);
      return kExitRunFailed;
    }
    std::string field;
    for (const auto& [name, type] : lp.fn.inputs)
      if (type.kind == "image" && field.empty()) field = name;
    exec::PolicySampler sampler(lp.fn);
    std::vector<std::unique_ptr<Executor>> executors;
    for (int w = 0; w < o->workers; ++w) executors.push_back(make_executor(o->path));
    std::vector<rt::Image> decoded(files.size());
    std::vector<std::string> keys(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      decoded[i] = rt::read_image(files[i]);
      keys[i] = fs::path(files[i]).stem().string();
    }
    // Per worker: the output images, reused from sample to sample as a loader's batch slots would be.
    std::vector<std::map<std::string, rt::Image>> outputs(static_cast<std::size_t>(o->workers));
    auto augment = [&](int w, std::size_t i, const rt::Image& img) {
      exec::SampleContext ctx;
      ctx.key = keys[i % files.size()];
      ctx.epoch = i / files.size();
      ctx.shapes[field] = img.shape;
      const auto trace = sampler.sample(ctx);
      const std::map<std::string, const rt::Image*> in{{field, &img}};
      executors[static_cast<std::size_t>(w)]->run(trace, in, outputs[static_cast<std::size_t>(w)]);
    };
    // Warm-up: compiles or loads every kernel the first samples need, outside the timings.
    for (std::size_t i = 0; i < std::min<std::size_t>(files.size(), 64); ++i) augment(0, i, decoded[i]);
    const auto wanted = [&](const char* stage) { return o->only.empty() || o->only == stage; };
    nlohmann::json j = {{"workers", o->workers},
                        {"path", o->path},
                        {"images", files.size()},
                        {"policy", lp.policy->name},
                        {"file_sha256", lp.file_sha256}};
    double decode = 0, aug = 0, e2e = 0;
    if (wanted("decode"))
      j["decode_per_s"] = decode = timed(o->workers, files.size(), o->seconds,
                                         [&](int, std::size_t i) { (void)rt::read_image(files[i % files.size()]); });
    if (wanted("augment"))
      j["augment_per_s"] = aug = timed(o->workers, files.size(), o->seconds,
                                       [&](int w, std::size_t i) { augment(w, i, decoded[i % files.size()]); });
    if (wanted("end_to_end"))
      j["end_to_end_per_s"] = e2e = timed(o->workers, files.size(), o->seconds, [&](int w, std::size_t i) {
        augment(w, i, rt::read_image(files[i % files.size()]));
      });
    if (o->json) {
      std::cout << j.dump() << "\n";
    } else {
      std::cout << fmt::format("{} images, {} worker(s), {} path\n", files.size(), o->workers, o->path);
      if (wanted("decode")) std::cout << fmt::format("  decode      {:10.1f} samples/s\n", decode);
      if (wanted("augment")) std::cout << fmt::format("  augment     {:10.1f} samples/s\n", aug);
      if (wanted("end_to_end")) std::cout << fmt::format("  end to end  {:10.1f} samples/s\n", e2e);
    }
    return kExitOk;
  };
}

}  // namespace auger::cli
