// `auger bench FILE --policy P --input SRC [--workers N] [--json]`: throughput in samples/s of
//   decode      reading and fully decoding the source's images, on N worker threads;
//   augment     the policy alone on images already decoded (held in memory), on N worker threads;
//   end to end  the real pipeline `auger run` and the loader use: read, header, sampling, region decode and augment
//               on N workers, delivered in order through the bounded queue to one consumer.
// Each stage runs over the source (repeated as needed) for at least --seconds. The JSON also carries the peak
// resident memory of the end-to-end stage, measured before the augment stage holds decoded images in memory.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "compiler/sampling/policy_sampler.h"
#include "runtime/exec/ordered_pool.h"
#include "runtime/fused/kernel_cache.h"
#include "runtime/io/decode.h"
#include "runtime/io/source.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "engine/run_path.h"
#include "engine/sample_runner.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct BenchOpts {
  std::string file, policy, input, path = "fused";
  std::vector<std::string> sets;
  int workers = 1;
  double seconds = 3;
  std::size_t limit = 0, augment_images = 400;
  std::string only;
  bool json = false, no_region = false, scaled_decode = false;
  FrontOptions front;
};

// Runs `work(worker, i)` for i = 0, 1, … split across `workers` threads, repeating the range [0, n) until at least
// `seconds` passed (one pass at least). Returns items per second.
template <typename F>
double timed(int workers, std::size_t n, double seconds, F work) {
  std::atomic<std::size_t> done{0}, next{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
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

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// The source's samples [0, n), or the first `limit` of them.
class Limited final : public rt::io::Source {
 public:
  Limited(const rt::io::Source& s, std::size_t n) : s_(s), n_(std::min(n, s.size())) {}
  [[nodiscard]] std::size_t size() const override { return n_; }
  [[nodiscard]] const std::string& key(std::size_t i) const override { return s_.key(i); }
  [[nodiscard]] rt::io::StoredSample read(std::size_t i) const override { return s_.read(i); }
  [[nodiscard]] std::vector<std::string> classes() const override { return s_.classes(); }
  [[nodiscard]] std::string describe() const override { return s_.describe(); }

 private:
  const rt::io::Source& s_;
  std::size_t n_;
};

}  // namespace

std::function<int()> register_bench(CLI::App& app) {
  auto o = std::make_shared<BenchOpts>();
  auto* cmd = app.add_subcommand("bench", "Measure decode, augment and end-to-end throughput in samples/s");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option("--input,-i", o->input,
                  "The data set: an image folder, a .jsonl manifest, a COCO .json or WebDataset shards")
      ->required();
  cmd->add_option("--workers", o->workers, "Worker threads (default 1)")->check(CLI::Range(1, 256));
  cmd->add_option("--seconds", o->seconds, "Minimum time per measurement (default 3)")->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--limit", o->limit, "Use at most this many samples (default all)");
  cmd->add_option("--augment-images", o->augment_images,
                  "Decoded images held in memory for the augment-only stage (default 400)");
  cmd->add_option("--set", o->sets, "Override a policy parameter (repeatable)")->allow_extra_args(false);
  cmd->add_option("--path", o->path, "fused (default) or reference")->check(CLI::IsMember({"fused", "reference"}));
  cmd->add_option("--only", o->only, "Measure one stage only (for profiling): decode, augment or end_to_end")
      ->check(CLI::IsMember({"decode", "augment", "end_to_end"}));
  cmd->add_flag("--no-region-decode", o->no_region, "End to end: decode whole images even when a crop needs less");
  cmd->add_flag("--scaled-decode", o->scaled_decode,
                "End to end: DCT-scaled JPEG decoding where the first crop allows");
  cmd->add_flag("--json", o->json, "Print one JSON object on stdout instead of a table");
  add_front_options(*cmd, o->front);
  return [o]() {
    const auto compiled_before = rt::fused::kernel_compilations();
    const double compile_seconds_before = rt::fused::kernel_compile_seconds();
    LoadedPolicy lp;
    if (int rc = load_policy(o->file, o->policy, o->sets, o->front, lp); rc != kExitOk) return rc;
    note_batch_block_skipped(lp, "bench");
    std::unique_ptr<rt::io::Source> opened;
    try {
      opened = rt::io::open_source(o->input);
    } catch (const std::exception& e) {
      std::cerr << fmt::format("error: --input {}: {}\n", o->input, e.what());
      return kExitRunFailed;
    }
    Limited source(*opened, o->limit ? o->limit : opened->size());
    const std::size_t n = source.size();
    if (n == 0) {
      std::cerr << fmt::format("error: no images under {}\n", o->input);
      return kExitRunFailed;
    }
    std::string field;
    for (const auto& [name, type] : lp.fn.inputs)
      if (type.kind == "image" && field.empty()) field = name;
    sampling::PolicySampler sampler(lp.fn);
    RunnerOptions ro;
    ro.path = o->path;
    ro.region_decode = !o->no_region;
    ro.scaled_decode = o->scaled_decode;
    const auto wanted = [&](const char* stage) { return o->only.empty() || o->only == stage; };
    nlohmann::json j = {{"workers", o->workers},
                        {"path", o->path},
                        {"images", n},
                        {"policy", lp.policy->name},
                        {"file_sha256", lp.file_sha256},
                        {"source", source.describe()}};
    std::size_t errors = 0;

    // Warm-up (outside every timing): compiles or loads the kernels the first samples need.
    std::vector<std::unique_ptr<SampleRunner>> runners;
    for (int w = 0; w < o->workers; ++w) runners.push_back(std::make_unique<SampleRunner>(lp, sampler, source, ro));
    {
      ProcessedSample s;
      for (std::size_t i = 0; i < std::min<std::size_t>(n, 64); ++i) runners[0]->run(i, 0, s);
    }

    if (wanted("end_to_end")) {
      // The pipeline as `auger run` drives it: ordered delivery through a window of 4 samples per worker.
      const auto start = Clock::now();
      std::size_t done = 0;
      for (std::uint64_t epoch = 1;
           done == 0 || std::chrono::duration<double>(Clock::now() - start).count() < o->seconds; ++epoch) {
        rt::exec::OrderedPool<ProcessedSample> pool(o->workers, static_cast<std::size_t>(o->workers) * 4, 0, n,
                                                    [&](std::size_t p, int w, ProcessedSample& out) {
                                                      runners[static_cast<std::size_t>(w)]->run(p, epoch, out);
                                                    });
        ProcessedSample s;
        while (pool.next(s)) {
          ++done;
          errors += s.error.empty() ? 0 : 1;
          if (std::chrono::duration<double>(Clock::now() - start).count() >= o->seconds && done >= n) break;
        }
      }
      j["end_to_end_per_s"] = static_cast<double>(done) / std::chrono::duration<double>(Clock::now() - start).count();
      j["peak_rss_mb"] = peak_rss_mb();
    }
    if (wanted("decode")) {
      std::atomic<std::size_t> bad{0};
      j["decode_per_s"] = timed(o->workers, n, o->seconds, [&](int, std::size_t i) {
        try {
          const auto s = source.read(i % n);
          const auto it = s.blobs.begin();
          if (it != s.blobs.end()) (void)rt::io::decode_image(it->second, rt::io::DecodeRequest{});
        } catch (const std::exception&) {
          ++bad;
        }
      });
      errors = std::max<std::size_t>(errors, bad.load());
    }
    if (wanted("augment")) {
      // Decoded images in memory (the first --augment-images of the source), augmented with the trace each would
      // get; outputs are per-worker and reused, as batch slots would be.
      std::vector<rt::Image> decoded;
      std::vector<std::string> keys;
      for (std::size_t i = 0; i < n && decoded.size() < o->augment_images; ++i) {
        try {
          const auto s = source.read(i);
          if (s.blobs.empty()) continue;
          decoded.push_back(rt::io::decode_image(s.blobs.begin()->second, rt::io::DecodeRequest{}).image);
          keys.push_back(s.key);
        } catch (const std::exception&) {
        }
      }
      std::vector<std::unique_ptr<Executor>> executors;
      for (int w = 0; w < o->workers; ++w) executors.push_back(make_executor(o->path));
      std::vector<std::map<std::string, rt::Image>> outputs(static_cast<std::size_t>(o->workers));
      const std::size_t m = decoded.size();
      auto augment = [&](int w, std::size_t i) {
        const rt::Image& img = decoded[i % m];
        sampling::SampleContext ctx;
        ctx.key = keys[i % m];
        ctx.epoch = i / m;
        ctx.shapes[field] = img.shape;
        const auto trace = sampler.sample(ctx);
        const std::map<std::string, const rt::Image*> in{{field, &img}};
        executors[static_cast<std::size_t>(w)]->run(trace, in, outputs[static_cast<std::size_t>(w)]);
      };
      if (m) {
        for (std::size_t i = 0; i < std::min<std::size_t>(m, 64); ++i) augment(0, i);
        j["augment_per_s"] = timed(o->workers, m, o->seconds, augment);
      }
    }
    j["errors"] = errors;
    // Kernels compiled by this command, warm-up included: 0 whenever the build's kernels cover the policy.
    j["kernels_compiled"] = rt::fused::kernel_compilations() - compiled_before;
    j["compile_seconds"] = rt::fused::kernel_compile_seconds() - compile_seconds_before;
    if (o->json) {
      std::cout << j.dump() << "\n";
    } else {
      std::cout << fmt::format("{} samples ({}), {} worker(s), {} path\n", n, source.describe(), o->workers, o->path);
      for (const char* k : {"decode_per_s", "augment_per_s", "end_to_end_per_s"})
        if (j.contains(k)) std::cout << fmt::format("  {:<18} {:10.1f} samples/s\n", k, j[k].get<double>());
      if (j.contains("peak_rss_mb"))
        std::cout << fmt::format("  peak RSS (end to end) {:.0f} MiB\n", j["peak_rss_mb"].get<double>());
      if (errors) std::cout << fmt::format("  {} samples failed to read or decode\n", errors);
      std::cout << fmt::format("  kernels compiled   {:10} ({:.1f} s)\n", j["kernels_compiled"].get<std::uint64_t>(),
                               j["compile_seconds"].get<double>());
    }
    return kExitOk;
  };
}

}  // namespace auger::cli
