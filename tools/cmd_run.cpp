// `auger run FILE --policy P --input SRC --output DIR`: offline augmentation of a data set into WebDataset shards or
// a folder of files (cli.md, docs/runtime.md "Offline runs"). The run itself is engine/offline/; this is the
// command's side: options, the progress line, the metrics endpoints and the exit codes.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "compiler/sampling/policy_sampler.h"
#include "engine/offline/offline_run.h"
#include "runtime/exec/world.h"
#include "runtime/metrics/metrics.h"
#include "runtime/metrics/prometheus_server.h"
#include "runtime/text/back_translation.h"
#include "runtime/text/translator.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/progress.h"
#include "tools/sample_error.h"
#include "tools/u64_option.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace {

struct RunOpts {
  offline::OfflineOptions run;
  std::string policy, shard, metrics_file, metrics_host = "127.0.0.1", translator;
  int metrics_port = -1;
  bool quiet = false, no_region = false;
  FrontOptions front;
};

// Prints what the engine reports: the plan, the first 20 bad samples, the progress line.
class CliObserver final : public offline::RunObserver {
 public:
  CliObserver(const RunOpts& o, const LoadedPolicy& lp, const rt::exec::World& world) : o_(o), lp_(lp), world_(world) {}
  void planned(const offline::RunPlanInfo& p) override {
    if (!o_.quiet)
      std::cerr << fmt::format(
          "auger run: {} (sha256 {}), policy {}, {}, {} → {} {} shard(s) of up to {} samples in {}; process {} of "
          "{} ({}), {} worker(s){}\n",
          o_.run.file, lp_.file_sha256.substr(0, 12), lp_.policy->name, p.source,
          o_.run.copies == 1 ? std::string("1 copy") : fmt::format("{} copies", o_.run.copies), p.shards, o_.run.format,
          p.per_shard, o_.run.output, world_.rank, world_.size, world_.from, o_.run.workers,
          p.resumed ? fmt::format(", resuming: {} shard(s) already complete", p.resumed) : "");
    progress_ = std::make_unique<Progress>("auger run:", p.mine, o_.quiet);
    mine_ = p.mine;
  }
  void sample_failed(const ProcessedSample& s, std::size_t errors) override {
    if (!o_.quiet && errors <= 20) {
      if (progress_) progress_->clear_line();
      std::cerr << fmt::format("error: {}\n", located_error(s.origin, s.key, s.error));
    }
    errors_ = errors;
  }
  void progress(std::size_t done, std::size_t errors) override {
    done_ = done;
    errors_ = errors;
    progress_->update(done, errors);
  }
  // False when the run stopped before its plan (a refused folder, an unreadable source): nothing to summarise.
  bool finish() {
    if (progress_) progress_->finish(done_, errors_);
    return progress_ != nullptr;
  }

 private:
  const RunOpts& o_;
  const LoadedPolicy& lp_;
  const rt::exec::World& world_;
  std::unique_ptr<Progress> progress_;
  std::size_t mine_ = 0, done_ = 0, errors_ = 0;
};

// The command line as given, each word quoted for a shell where it needs it, for the manifest.
std::string quoted(const std::string& word) {
  if (!word.empty() &&
      word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-") ==
          std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string command_line(const CLI::App& cmd) {
  std::string line = "auger run";
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt->count() == 0) continue;
    const bool positional = opt->get_lnames().empty() && opt->get_snames().empty();
    if (opt->get_expected_max() == 0) {  // a flag, given count() times
      for (std::size_t i = 0; i < opt->count(); ++i) line += " " + opt->get_name();
      continue;
    }
    for (const auto& value : opt->results())
      line += positional ? " " + quoted(value) : " " + opt->get_name() + " " + quoted(value);
  }
  return line;
}

int exit_code(const offline::Outcome& outcome) {
  switch (outcome.status) {
    case offline::Status::kOk: return kExitOk;
    case offline::Status::kUsage: return kExitUsage;
    case offline::Status::kFailed: return kExitRunFailed;
  }
  return kExitRunFailed;
}

void summarise(const RunOpts& o, const rt::exec::World& world, const offline::RunResult& r, bool started) {
  if (r.outcome.status == offline::Status::kUsage || !started) {
    if (r.outcome.ok()) return;
    std::cerr << "error: " << r.outcome.message << "\n";
    return;
  }
  if (!r.outcome.ok()) std::cerr << fmt::format("error: auger run stopped: {}\n", r.outcome.message);
  if (o.quiet) return;
  if (r.merged)
    std::cerr << fmt::format("auger run: {} of {} samples written, {} error(s); manifest: {}\n", r.written, r.items,
                             r.errors, r.manifest.string());
  else
    std::cerr << fmt::format(
        "auger run: process {} of {}: {} of {} samples written, {} error(s); the manifest is merged by the last "
        "process to finish\n",
        world.rank, world.size, r.written, r.items, r.errors);
}

std::unique_ptr<rt::metrics::PrometheusServer> serve_metrics(const RunOpts& o, const rt::exec::World& world,
                                                             const rt::metrics::RunMetrics& metrics) {
  if (o.metrics_port < 0) return nullptr;
  auto server = std::make_unique<rt::metrics::PrometheusServer>(
      o.metrics_host, o.metrics_port + (o.metrics_port ? world.rank : 0), [&] { return metrics.to_prometheus(); },
      [&] { return metrics.to_json().dump(); });
  if (!o.quiet)
    std::cerr << fmt::format("auger run: metrics at http://{}:{}/metrics\n", o.metrics_host, server->port());
  return server;
}

int run(const RunOpts& o) {
  LoadedPolicy lp;
  if (int rc = load_policy(o.run.file, o.policy, o.run.sets, o.front, lp); rc != kExitOk) return rc;
  note_batch_block_skipped(lp, "run");
  if (!o.translator.empty()) rt::text::set_translator(o.translator);
  sampling::PolicySampler sampler(lp.fn, {o.run.disabled.begin(), o.run.disabled.end()});
  for (const auto& d : o.run.disabled)
    if (!sampler.labels().count(d)) {
      std::cerr << fmt::format("error: --disable {}: policy `{}` has no statement labelled `{}`\n", d, lp.policy->name,
                               d);
      return kExitUsage;
    }
  rt::exec::World world;
  try {
    world = o.shard.empty() ? rt::exec::world_from_environment() : rt::exec::parse_shard(o.shard);
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  }
  rt::metrics::RunMetrics metrics;
  std::unique_ptr<rt::metrics::PrometheusServer> server;
  std::ofstream metrics_out;
  try {
    server = serve_metrics(o, world, metrics);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitRunFailed;
  }
  if (!o.metrics_file.empty()) {
    metrics_out.open(o.metrics_file, std::ios::app);
    if (!metrics_out) {
      std::cerr << fmt::format("error: cannot write --metrics {}\n", o.metrics_file);
      return kExitRunFailed;
    }
  }
  CliObserver observer(o, lp, world);
  const auto result = offline::run_offline(o.run, lp, sampler, world, metrics,
                                           metrics_out.is_open() ? &metrics_out : nullptr, observer);
  const bool started = observer.finish();
  summarise(o, world, result, started);
  return exit_code(result.outcome);
}

}  // namespace

namespace {

// What the run reads and writes, and how it draws.
void add_run_options(CLI::App* cmd, RunOpts& o) {
  offline::OfflineOptions& r = o.run;
  cmd->add_option("FILE", r.file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o.policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option(
         "--input,-i", r.input,
         "The data set: an image folder (class sub-folders give labels), a folder of recordings (.wav .flac .ogg, "
         "the same layout), a .jsonl manifest, a COCO annotation "
         "file (.json), a .txt file (one text sample per line, keyed NAME:LINE) or WebDataset shards (a .tar, "
         "a glob or a brace pattern)")
      ->required();
  cmd->add_option("--output,-o", r.output,
                  "Output folder (created if missing); a non-empty folder that holds no auger run is refused "
                  "unless --force")
      ->required();
  cmd->add_option("--format", r.format,
                  "webdataset (tar shards, default) or folder (each sample's members as files: KEY.png, KEY.npy, "
                  "KEY.flac, KEY.txt, KEY.json, KEY.cls)")
      ->check(CLI::IsMember({"webdataset", "folder"}));
  cmd->add_option("--copies", r.copies, "Augmented copies of each sample; copy k draws as epoch k (default 1)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--workers", r.workers, "Worker threads (default 1)")->check(CLI::Range(1, 1024));
  cmd->add_option("--shard", o.shard,
                  "This process's part, i/n: it writes the shards j with j % n == i (default: from torchrun, "
                  "Open MPI, PMI or Slurm variables, else 0/1). Parts never wait for each other: the last to "
                  "finish merges the manifest");
  add_u64_option(*cmd, "--seed", r.seed, "The run's seed (default 0)");
  cmd->add_option("--set", r.sets, "Override a policy parameter: --set magnitude=12 (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--disable", r.disabled, "Skip the statement with this label (repeatable)")->allow_extra_args(false);
  cmd->add_option("--path", r.path, "fused (default) or reference")->check(CLI::IsMember({"fused", "reference"}));
  cmd->add_flag("--shuffle", r.shuffle, "Write each copy in a shuffled order (a function of seed and copy)");
  cmd->add_option("--shard-samples", r.shard_samples, "Samples per shard (default: as many as fit --shard-bytes)");
  cmd->add_option("--shard-bytes", r.shard_bytes,
                  "Target shard size in bytes, judged by the first sample (default 268435456)")
      ->check(CLI::Range(std::uint64_t{1024}, std::uint64_t{1} << 40));
}

// How the run goes: errors allowed, resuming, decoding, metrics, output on stderr.
void add_control_options(CLI::App* cmd, RunOpts& o) {
  offline::OfflineOptions& r = o.run;
  cmd->add_option("--max-errors", r.max_errors,
                  "Bad samples allowed (unreadable, undecodable, or a key refused as an output name), as a count "
                  "(25) or a rate of the run's items (1.5%); past it the run stops with exit 3 (default 1%)");
  cmd->add_option("--max-pixels", r.max_pixels,
                  "Refuse images whose header claims more pixels than this, before decoding (default 178956970)");
  cmd->add_flag("--resume", r.resume, "Continue a killed run in --output: complete shards are kept, the rest redone");
  cmd->add_flag("--force", r.force,
                "Start over in an --output that holds another run (its files the new run does not list are "
                "removed), or write beside the files of a non-empty folder that holds no run (none of them is "
                "removed or replaced: a sample whose file is taken is a bad sample)");
  cmd->add_flag("--no-region-decode", o.no_region, "Decode whole images even when the first crop needs less");
  cmd->add_flag("--scaled-decode", r.scaled_decode,
                "Decode JPEGs at 1/2, 1/4 or 1/8 of the size when the first crop keeps at least its output size "
                "there: faster on large photos, but not the pixels of a full decode (part of the run's identity)");
  cmd->add_option(
      "--metrics", o.metrics_file,
      "Append the run's metrics as JSON lines to this file, every --metrics-interval seconds and at the end");
  cmd->add_option("--metrics-interval", r.metrics_interval, "Seconds between metrics lines (default 10)")
      ->check(CLI::Range(0.0, 86400.0));
  cmd->add_option("--metrics-port", o.metrics_port,
                  "Serve Prometheus metrics on this port (/metrics, and /metrics.json); process r of n uses PORT + r; "
                  "0 picks a free port")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--metrics-host", o.metrics_host, "Address to serve metrics on (default 127.0.0.1, loopback)");
  cmd->add_flag("--quiet,-q", o.quiet, "No progress or summary on stderr");
  cmd->add_option("--translator", o.translator,
                  "back_translate's translator: a command speaking JSON lines or a local http:// URL (docs/text.md); "
                  "default $AUGER_TRANSLATOR, else Apertium. Requests are batched, up to 64 texts each")
      ->check(rt::text::translator_spec_error, "CMD_OR_URL");
  add_front_options(*cmd, o.front);
}

}  // namespace

std::function<int()> register_run(CLI::App& app) {
  auto o = std::make_shared<RunOpts>();
  auto* cmd = app.add_subcommand("run", "Augment a data set offline into WebDataset shards or a folder of files");
  add_run_options(cmd, *o);
  add_control_options(cmd, *o);
  cmd->footer(
      "Writes DIR/shard-NNNNNN.tar (members KEY.png or KEY.npy per pixel field, KEY.flac or KEY.npy per audio field, "
      "KEY.txt per text field of a text sample, KEY.json with the other fields and "
      "the drawn \"params\", KEY.cls for a class label) or, with --format folder, the same members as files "
      "DIR/KEY.png/.npy/.flac/.txt/.json/.cls; keys "
      "get _eK for copy K when --copies > 1. A key with `..`, an absolute path or a control character is a bad "
      "sample, never a path outside DIR. DIR/manifest.json records the identity, the command, counts, errors, "
      "shards and per-stage timings.\nExit codes: 0 success, 1 errors in the policy, 2 wrong usage (a refused "
      "--output included), 3 the run failed (I/O, more bad samples than --max-errors).");
  return [o, cmd]() {
    o->run.region_decode = !o->no_region;
    o->run.command = command_line(*cmd);
    return run(*o);
  };
}

}  // namespace auger::cli
