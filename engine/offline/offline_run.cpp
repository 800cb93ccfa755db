#include "engine/offline/offline_run.h"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/offline/atomic_file.h"
#include "engine/offline/foreign_files.h"
#include "engine/offline/journal.h"
#include "engine/offline/output_folder.h"
#include "engine/offline/part_manifest.h"
#include "engine/offline/run_identity.h"
#include "engine/offline/shard_writer.h"
#include "runtime/io/source.h"

namespace auger::engine::offline {

namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// What the phases share: the request, the opened source and what was derived from them.
struct RunContext {
  const OfflineOptions& o;
  const LoadedPolicy& lp;
  const sampling::PolicySampler& sampler;
  const rt::exec::World& world;
  const rt::io::Source& source;
  json identity;
  std::size_t max_errors;
  Clock::time_point start;
};

RunnerOptions runner_options(const OfflineOptions& o) {
  RunnerOptions ro;
  ro.seed = o.seed;
  ro.path = o.path;
  ro.region_decode = o.region_decode;
  ro.scaled_decode = o.scaled_decode;
  ro.max_pixels = o.max_pixels;
  return ro;
}

std::vector<SafeKey> output_keys(const rt::io::Source& source, const std::string& format) {
  std::vector<std::string> keys;
  keys.reserve(source.size());
  for (std::size_t i = 0; i < source.size(); ++i) keys.push_back(source.key(i));
  return plan_output_keys(keys, format == "folder");
}

json part_json(const RunContext& c, const ShardPlan& plan, const PartResult& r,
               const rt::metrics::RunMetrics& metrics) {
  json shards = json::array();
  for (const auto& [j, rec] : r.done) shards.push_back(rec);
  return {{"rank", c.world.rank},
          {"identity", c.identity},
          {"command", c.o.command},
          {"status", r.failed ? "failed" : "complete"},
          {"failure", r.failure},
          {"items", plan.mine},
          {"shard_samples", plan.per_shard},
          {"written", r.written},
          {"errors", r.errors},
          {"shards", shards},
          {"wall_s", std::chrono::duration<double>(Clock::now() - c.start).count()},
          {"workers", c.o.workers},
          {"metrics", metrics.to_json()}};
}

// This process's part, then the manifest when every part is there.
RunResult finish(const RunContext& c, const ShardPlan& plan, const PartResult& r,
                 const rt::metrics::RunMetrics& metrics) {
  const std::filesystem::path dir(c.o.output);
  write_part(dir, c.world.rank, part_json(c, plan, r, metrics));
  RunResult out;
  out.written = r.written;
  out.items = plan.mine;
  out.errors = r.errors.size();
  if (r.failed) out.outcome = {Status::kFailed, r.failure};
  const auto manifest = merge_parts(dir, c.identity, c.world.size);
  if (!manifest) return out;
  publish_manifest(dir, *manifest, c.world.size, c.world.rank);
  out.merged = true;
  out.manifest = dir / "manifest.json";
  out.written = (*manifest)["written"].get<std::size_t>();
  out.items = (*manifest)["items"].get<std::size_t>();
  out.errors = (*manifest)["error_count"].get<std::size_t>();
  if (out.outcome.ok() && (*manifest)["status"] != "complete")
    out.outcome = {Status::kFailed, "another process of the run failed (manifest.json names it)"};
  return out;
}

// The tar shards this process would write over a file no auger run wrote: the run is refused before it writes.
Outcome refuse_foreign_shards(const ForeignFiles& foreign, const ShardPlan& plan, const std::string& format) {
  if (format != "webdataset") return {};  // folder output: such a sample is an error of its own (shard_writer)
  std::vector<std::string> names;
  for (const auto& job : plan.todo) names.push_back(shard_name(job.index) + ".tar");
  const std::string taken = foreign.first(names);
  return taken.empty() ? Outcome{} : Outcome{Status::kUsage, foreign.refusal(taken)};
}

RunResult run_phases(const RunContext& c, rt::metrics::RunMetrics& metrics, std::ostream* metrics_out,
                     RunObserver& observer) {
  const std::filesystem::path dir(c.o.output);
  // Checked and planned before anything is written in the folder, so a refusal leaves it as it was.
  const FolderPlan folder = check_output_folder(dir, c.identity, c.world.rank, c.o.resume, c.o.force);
  if (!folder.outcome.ok()) return stopped(folder.outcome);
  const RunItems items(c.lp.fn, c.source, output_keys(c.source, c.o.format), c.o.seed, c.o.copies, c.o.shuffle);
  const RunnerOptions ro = runner_options(c.o);
  SampleRunner probe(c.lp, c.sampler, c.source, ro);
  const std::size_t per_shard = samples_per_shard(items, probe, c.o.shard_samples, c.o.shard_bytes);
  ShardRecords done = folder.resume ? read_journal(dir, c.world.rank, c.identity) : ShardRecords{};
  const ShardPlan plan = plan_shards(items.size(), per_shard, c.world.rank, c.world.size, done);
  const ForeignFiles foreign(dir);  // read before this process's journal starts over
  if (const Outcome o = refuse_foreign_shards(foreign, plan, c.o.format); !o.ok()) return stopped(o);
  prepare_output_folder(dir, c.identity, c.world.rank, folder);
  observer.planned({plan.shards, per_shard, plan.mine, done.size(), c.source.describe()});
  Journal journal(dir, c.world.rank, c.identity, done.empty());
  std::vector<std::unique_ptr<SampleRunner>> runners;
  for (int w = 0; w < c.o.workers; ++w)
    runners.push_back(std::make_unique<SampleRunner>(c.lp, c.sampler, c.source, ro));
  WriterSetup setup{c.o.format, dir, c.max_errors, c.o.max_errors, c.o.metrics_interval, metrics_out, c.world.rank};
  setup.foreign = &foreign;
  const PartResult r = write_shards(items, runners, plan, std::move(done), setup, journal, metrics, observer);
  return finish(c, plan, r, metrics);
}

}  // namespace

RunResult run_offline(const OfflineOptions& o, const LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                      const rt::exec::World& world, rt::metrics::RunMetrics& metrics, std::ostream* metrics_out,
                      RunObserver& observer) {
  const auto start = Clock::now();
  std::unique_ptr<rt::io::Source> source;
  try {
    source = rt::io::open_source(o.input);
  } catch (const std::exception& e) {
    return stopped({Status::kFailed, fmt::format("--input {}: {}", o.input, e.what())});
  }
  std::size_t max_errors = 0;
  try {
    max_errors = error_limit(o.max_errors, source->size() * o.copies);
  } catch (const std::invalid_argument& e) {
    return stopped({Status::kUsage, e.what()});
  }
  const RunContext c{o, lp, sampler, world, *source, run_identity(o, lp, *source, world), max_errors, start};
  try {
    return run_phases(c, metrics, metrics_out, observer);
  } catch (const std::runtime_error& e) {  // IoError, WriteError, filesystem_error: each names the path and why
    return stopped({Status::kFailed, e.what()});
  }
}

}  // namespace auger::engine::offline
