// `auger bench FILE --policy P --input SRC [--workers N] [--json]`: throughput in samples/s of decode, augment and
// end to end (engine/throughput.h says what each measures), as a table or one JSON object. The JSON also carries
// the peak resident memory of the end-to-end stage and the kernels compiled while measuring.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "compiler/sampling/policy_sampler.h"
#include "engine/offline/run_options.h"
#include "engine/throughput.h"
#include "runtime/fused/kernel_cache.h"
#include "runtime/io/source.h"
#include "tools/commands.h"
#include "tools/policy_front.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace {

struct BenchOpts {
  std::string file, policy, input, path = "fused";
  std::vector<std::string> sets;
  int workers = 1;
  double seconds = 3;
  std::size_t limit = 0, augment_images = 400;
  std::string only, max_errors = "1%";
  bool json = false, no_region = false, scaled_decode = false;
  FrontOptions front;
};

void print_table(const nlohmann::json& j, const BenchOpts& o, const rt::io::Source& source) {
  std::cout << fmt::format("{} samples ({}), {} worker(s), {} path\n", source.size(), source.describe(), o.workers,
                           o.path);
  for (const char* k : {"decode_per_s", "augment_per_s", "end_to_end_per_s"})
    if (j.contains(k)) std::cout << fmt::format("  {:<18} {:10.1f} samples/s\n", k, j[k].get<double>());
  if (j.contains("peak_rss_mb"))
    std::cout << fmt::format("  peak RSS (end to end) {:.0f} MiB\n", j["peak_rss_mb"].get<double>());
  if (const auto bad = j["bad_samples"].get<std::size_t>())
    std::cout << fmt::format("  {} of {} samples failed to read or decode ({} failed attempts, not counted above)\n",
                             bad, source.size(), j["errors"].get<std::size_t>());
  std::cout << fmt::format("  kernels compiled   {:10} ({:.1f} s)\n", j["kernels_compiled"].get<std::uint64_t>(),
                           j["compile_seconds"].get<double>());
}

// The samples that failed in any stage. Past --max-errors (as `run` counts them), or with no sample processed at
// all, the figures describe corrupt data rather than the policy: the command fails (exit 3) after printing them.
struct BadSamples {
  std::set<std::size_t> samples;
  std::size_t attempts = 0;  // failed reads and decodes, every pass of every stage
  std::string first;
  bool measured = false;  // some stage processed a sample

  void add(const StageRate& r) {
    samples.insert(r.bad.begin(), r.bad.end());
    attempts = std::max(attempts, r.errors);
    if (first.empty()) first = r.first_error;
    measured = measured || r.per_s > 0;
  }

  [[nodiscard]] int verdict(std::size_t max_bad, const std::string& max_text, std::size_t total) const {
    if (!measured) {
      std::cerr << fmt::format("error: auger bench: no sample could be read and decoded, nothing measured{}\n",
                               first.empty() ? "" : " (" + first + ")");
      return kExitRunFailed;
    }
    if (samples.size() <= max_bad) return kExitOk;
    std::cerr << fmt::format(
        "error: auger bench: {} of {} samples failed to read or decode, more than --max-errors {} allows ({}); "
        "e.g. {}\n",
        samples.size(), total, max_text, max_bad, first);
    return kExitRunFailed;
  }
};

int bench(const BenchOpts& o) {
  const auto compiled_before = rt::fused::kernel_compilations();
  const double compile_seconds_before = rt::fused::kernel_compile_seconds();
  LoadedPolicy lp;
  if (int rc = load_policy(o.file, o.policy, o.sets, o.front, lp); rc != kExitOk) return rc;
  note_batch_block_skipped(lp, "bench");
  // The stages measure image decoding and image kernels: an audio or text policy would only count failures.
  const bool has_image = std::any_of(lp.fn.inputs.begin(), lp.fn.inputs.end(),
                                     [](const auto& input) { return input.second.kind == "image"; });
  if (!has_image) {
    std::cerr << fmt::format(
        "auger bench: policy `{}` has no image field; bench measures image policies only "
        "(audio and text: not built yet, docs/cli.md \"Not built yet\")\n",
        lp.policy->name);
    return kExitUsage;
  }
  std::unique_ptr<rt::io::Source> opened;
  if (int rc = open_input(o.input, opened); rc != kExitOk) return rc;
  const LimitedSource source(*opened, o.limit ? o.limit : opened->size());
  std::size_t max_bad = 0;
  try {
    max_bad = offline::error_limit(o.max_errors, source.size());
  } catch (const std::invalid_argument& e) {
    std::cerr << "auger bench: " << e.what() << "\n";
    return kExitUsage;
  }
  const sampling::PolicySampler sampler(lp.fn);
  ThroughputSetup setup{lp, sampler, source, {}, o.workers, o.seconds};
  setup.runner.path = o.path;
  setup.runner.region_decode = !o.no_region;
  setup.runner.scaled_decode = o.scaled_decode;
  nlohmann::json j = {{"workers", o.workers},          {"path", o.path},
                      {"images", source.size()},       {"policy", lp.policy->name},
                      {"file_sha256", lp.file_sha256}, {"source", source.describe()}};
  const auto wanted = [&](const char* stage) { return o.only.empty() || o.only == stage; };
  BadSamples bad;
  warm_up(setup);  // outside every timing: the first samples' buffers (and kernels, were any compiled)
  if (wanted("end_to_end")) {
    const StageRate r = measure_end_to_end(setup);
    j["end_to_end_per_s"] = r.per_s;
    j["end_to_end_per_cpu_s"] = r.per_cpu_s;
    j["peak_rss_mb"] = peak_rss_mb();  // before the augment stage holds decoded images in memory
    bad.add(r);
  }
  if (wanted("decode")) {
    const StageRate r = measure_decode(setup);
    j["decode_per_s"] = r.per_s;
    j["decode_per_cpu_s"] = r.per_cpu_s;
    bad.add(r);
  }
  if (wanted("augment"))
    if (const StageRate r = measure_augment(setup, o.augment_images); r.per_s > 0) {
      j["augment_per_s"] = r.per_s;
      j["augment_per_cpu_s"] = r.per_cpu_s;
      bad.measured = true;
    }
  j["errors"] = bad.attempts;
  j["bad_samples"] = bad.samples.size();
  // Kernels compiled by this command, warm-up included: 0 whenever the build's kernels cover the policy.
  j["kernels_compiled"] = rt::fused::kernel_compilations() - compiled_before;
  j["compile_seconds"] = rt::fused::kernel_compile_seconds() - compile_seconds_before;
  if (o.json)
    std::cout << j.dump() << "\n";
  else
    print_table(j, o, source);
  return bad.verdict(max_bad, o.max_errors, source.size());
}

}  // namespace

std::function<int()> register_bench(CLI::App& app) {
  auto o = std::make_shared<BenchOpts>();
  auto* cmd = app.add_subcommand("bench",
                                 "Measure decode, augment and end-to-end throughput in samples/s of an image policy "
                                 "(audio and text policies are refused: not built yet)");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option(
         "--input,-i", o->input,
         "The data set: an image folder, a folder of recordings, a .jsonl manifest, a COCO .json or WebDataset "
         "shards")
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
  cmd->add_option("--max-errors", o->max_errors,
                  "Samples allowed to fail to read or decode, as a count (25) or a rate of the samples (1.5%), as for "
                  "run; past it, or with no sample decoded, the figures are printed and bench exits 3 (default 1%). "
                  "Failed samples never count in the samples/s");
  cmd->add_flag("--json", o->json, "Print one JSON object on stdout instead of a table");
  add_front_options(*cmd, o->front);
  return [o]() { return bench(*o); };
}

}  // namespace auger::cli
