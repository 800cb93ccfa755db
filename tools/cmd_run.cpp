// `auger run FILE --policy P --input SRC --output DIR`: offline augmentation of a data set into WebDataset shards or
// a folder of files (cli.md, docs/runtime.md "Offline runs").
//
// The output is a pure function of the run's identity (policy file, policy, --set, --disable, seed, copies, source,
// format, shard size): item g of the run is copy g / N (= epoch) of source sample g % N, shard j holds items
// [j*S, (j+1)*S), and every byte of a shard depends on its items alone. So the worker count, the number of
// processes (`--shard i/n`, torchrun, MPI, Slurm: process r writes the shards j with j % n == r) and a kill and
// `--resume` (completed shards are listed in a journal and skipped) all give the same bytes.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "compiler/exec/sampler.h"
#include "runtime/exec/order.h"
#include "runtime/exec/ordered_pool.h"
#include "runtime/exec/world.h"
#include "runtime/io/source.h"
#include "runtime/metrics/metrics.h"
#include "runtime/metrics/prometheus_server.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/progress.h"
#include "engine/run_output.h"
#include "engine/sample_runner.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace {

struct RunOpts {
  std::string file, policy, input, output, format = "webdataset", shard, path = "fused", max_errors = "1%";
  std::vector<std::string> sets, disabled;
  std::uint64_t seed = 0, copies = 1, shard_samples = 0, shard_bytes = 256ull << 20, max_pixels = 178956970;
  int workers = 1;
  bool resume = false, force = false, quiet = false, shuffle = false, no_region = false, scaled_decode = false;
  double wait_ranks = 3600, metrics_interval = 10;
  std::string metrics_file, metrics_host = "127.0.0.1";
  int metrics_port = -1;
  FrontOptions front;
};

struct Item {
  ProcessedSample sample;
  Members members;
  std::string out_key;
};

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// "25" (a count) or "1.5%" (of the items this run processes).
std::size_t error_limit(const std::string& text, std::size_t items) {
  try {
    if (!text.empty() && text.back() == '%') {
      const double pct = std::stod(text.substr(0, text.size() - 1));
      if (!(pct >= 0 && pct <= 100)) throw std::invalid_argument(text);
      return static_cast<std::size_t>(pct / 100.0 * static_cast<double>(items));
    }
    std::size_t used = 0;
    const long long n = std::stoll(text, &used);
    if (used != text.size() || n < 0) throw std::invalid_argument(text);
    return static_cast<std::size_t>(n);
  } catch (const std::exception&) {
    throw std::invalid_argument("--max-errors takes a count (25) or a rate (1.5%), not `" + text + "`");
  }
}

std::string shard_name(std::size_t j) {
  return fmt::format("shard-{:06}", j);
}

int run(const RunOpts& o, const std::string& command_line) {
  const auto wall_start = Clock::now();
  LoadedPolicy lp;
  if (int rc = load_policy(o.file, o.policy, o.sets, o.front, lp); rc != kExitOk) return rc;
  note_batch_block_skipped(lp, "run");
  exec::PolicySampler sampler(lp.fn, {o.disabled.begin(), o.disabled.end()});
  for (const auto& d : o.disabled)
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
  std::unique_ptr<rt::io::Source> source;
  try {
    source = rt::io::open_source(o.input);
  } catch (const std::exception& e) {
    std::cerr << fmt::format("error: --input {}: {}\n", o.input, e.what());
    return kExitRunFailed;
  }
  const std::size_t n = source->size();
  const std::size_t total = n * o.copies;
  std::size_t max_errors = 0;
  try {
    max_errors = error_limit(o.max_errors, total);
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  }

  // The run's identity: what the output is a function of. A resumed run must have the same.
  json identity = {{"file", fs::path(o.file).filename().string()},
                   {"file_sha256", lp.file_sha256},
                   {"policy", lp.policy->name},
                   {"set", o.sets},
                   {"disable", o.disabled},
                   {"seed", o.seed},
                   {"copies", o.copies},
                   {"shuffle", o.shuffle},
                   {"path", o.path},
                   {"scaled_decode", o.scaled_decode},
                   {"format", o.format},
                   {"source", source->describe()},
                   {"samples", n},
                   {"shard_samples", o.shard_samples},
                   {"shard_bytes", o.shard_samples ? 0 : o.shard_bytes},
                   {"world_size", world.size}};
  const fs::path out_dir(o.output), state = fs::path(o.output) / ".auger";
  const fs::path run_file = state / "run.json";
  std::error_code ec;
  fs::create_directories(state, ec);
  if (ec) {
    std::cerr << fmt::format("error: cannot create {}: {}\n", state.string(), ec.message());
    return kExitRunFailed;
  }
  const std::string journal_name = fmt::format("journal.r{}.jsonl", world.rank);
  if (fs::exists(run_file)) {
    json before;
    try {
      before = read_json(run_file);
    } catch (const std::exception&) {
    }
    if (o.resume) {
      if (before != identity) {
        std::cerr << fmt::format(
            "error: --resume: {} holds another run (its identity differs: {}); use a new "
            "--output or --force to start over\n",
            o.output, before.dump());
        return kExitUsage;
      }
    } else if (!o.force && world.rank == 0) {
      std::cerr << fmt::format("error: {} already holds a run; --resume continues it, --force starts over\n", o.output);
      return kExitUsage;
    }
    if (!o.resume && o.force) fs::remove(state / journal_name, ec);
  }
  if (world.rank == 0) write_atomically(run_file, identity.dump(2) + "\n");
  fs::remove(state / fmt::format("part.r{}.json", world.rank), ec);

  RunnerOptions ro;
  ro.seed = o.seed;
  ro.path = o.path;
  ro.region_decode = !o.no_region;
  ro.scaled_decode = o.scaled_decode;
  ro.max_pixels = o.max_pixels;
  // Item g: copy g / n of the sample at position g % n of that copy's order.
  std::vector<std::vector<std::size_t>> orders(o.copies);
  for (std::uint64_t k = 0; k < o.copies; ++k) {
    rt::exec::OrderOptions oo;
    oo.seed = o.seed;
    oo.epoch = k;
    oo.shuffle = o.shuffle;
    orders[k] = rt::exec::epoch_order(n, oo);
  }
  const bool several = o.copies > 1;
  const auto process = [&](SampleRunner& runner, std::size_t g, Item& item) {
    const std::uint64_t copy = g / n;
    runner.run(orders[copy][g % n], copy, item.sample);
    item.out_key = output_key(item.sample.key, copy, several);
    item.members.clear();
    if (item.sample.error.empty()) {
      try {
        item.members = encode_members(item.sample, item.out_key, lp.fn);
      } catch (const std::exception& e) {
        item.sample.error = std::string("encoding: ") + e.what();
      }
    }
  };

  // Shard size: given, or as many samples as fit --shard-bytes judging by the first sample that encodes — the
  // same in every process, since it depends on the run's identity alone.
  std::size_t per_shard = o.shard_samples;
  if (!per_shard) {
    SampleRunner probe(lp, sampler, *source, ro);
    Item item;
    std::uint64_t bytes = 0;
    for (std::size_t g = 0; g < std::min<std::size_t>(total, 16) && !bytes; ++g) {
      process(probe, g, item);
      for (const auto& [name, b] : item.members) bytes += b.size() + 1024;  // + tar header and padding
    }
    per_shard = bytes ? std::max<std::size_t>(1, o.shard_bytes / bytes) : 1000;
  }
  const std::size_t shards = total ? (total + per_shard - 1) / per_shard : 0;

  // Shards this process writes, less those a journal says are complete (and whose file is there).
  std::map<std::size_t, json> done;
  if (o.resume && fs::exists(state / journal_name)) {
    std::ifstream in(state / journal_name);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      try {
        json j = json::parse(line);
        const auto s = j["shard"].get<std::size_t>();
        if (o.format == "folder" || fs::exists(out_dir / (j["name"].get<std::string>() + ".tar"))) done[s] = j;
      } catch (const std::exception&) {  // a line cut by the kill: that shard is redone
      }
    }
  }
  std::vector<std::size_t> todo_shards;
  for (std::size_t j = static_cast<std::size_t>(world.rank); j < shards; j += static_cast<std::size_t>(world.size))
    if (!done.count(j)) todo_shards.push_back(j);
  std::vector<std::size_t> items;
  for (std::size_t j : todo_shards)
    for (std::size_t g = j * per_shard; g < std::min(total, (j + 1) * per_shard); ++g) items.push_back(g);
  std::size_t mine = 0;
  for (std::size_t j = static_cast<std::size_t>(world.rank); j < shards; j += static_cast<std::size_t>(world.size))
    mine += std::min(total, (j + 1) * per_shard) - j * per_shard;

  if (!o.quiet)
    std::cerr << fmt::format(
        "auger run: {} (sha256 {}), policy {}, {}, {} copies → {} {} shard(s) of {} samples "
        "in {}; process {} of {} ({}), {} worker(s){}\n",
        o.file, lp.file_sha256.substr(0, 12), lp.policy->name, source->describe(), o.copies, shards, o.format,
        per_shard, o.output, world.rank, world.size, world.from, o.workers,
        done.empty() ? "" : fmt::format(", resuming: {} shard(s) already complete", done.size()));

  std::vector<std::unique_ptr<SampleRunner>> runners;
  for (int w = 0; w < o.workers; ++w) runners.push_back(std::make_unique<SampleRunner>(lp, sampler, *source, ro));
  rt::exec::OrderedPool<Item> pool(
      o.workers, static_cast<std::size_t>(o.workers) * 4, 0, items.size(),
      [&](std::size_t p, int w, Item& item) { process(*runners[static_cast<std::size_t>(w)], items[p], item); });

  json errors = json::array();
  for (const auto& [j, rec] : done)
    for (const auto& e : rec["errors"]) errors.push_back(e);
  std::size_t written = 0, processed = 0, error_count = errors.size();
  for (const auto& [j, rec] : done) written += rec["written"].get<std::size_t>();
  rt::metrics::RunMetrics metrics;
  std::unique_ptr<rt::metrics::PrometheusServer> server;
  if (o.metrics_port >= 0) {
    try {
      server = std::make_unique<rt::metrics::PrometheusServer>(
          o.metrics_host, o.metrics_port + (o.metrics_port ? world.rank : 0), [&] { return metrics.to_prometheus(); },
          [&] { return metrics.to_json().dump(); });
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitRunFailed;
    }
    if (!o.quiet)
      std::cerr << fmt::format("auger run: metrics at http://{}:{}/metrics\n", o.metrics_host, server->port());
  }
  std::ofstream metrics_out;
  if (!o.metrics_file.empty()) {
    metrics_out.open(o.metrics_file, std::ios::app);
    if (!metrics_out) {
      std::cerr << fmt::format("error: cannot write --metrics {}\n", o.metrics_file);
      return kExitRunFailed;
    }
  }
  auto last_report = Clock::now();
  double waited_before = 0;
  const auto report = [&](bool final) {
    metrics.set_queue_depth(pool.ready_count());
    const double w = pool.waited_seconds();
    metrics.add_wait(w - waited_before);
    waited_before = w;
    if (!metrics_out.is_open()) return;
    auto j = metrics.to_json();
    j["rank"] = world.rank;
    j["final"] = final;
    metrics_out << j.dump() << "\n" << std::flush;
  };
  Progress progress("auger run:", mine, o.quiet);
  std::ofstream journal(state / journal_name, std::ios::app);
  std::unique_ptr<ShardSink> sink;
  std::size_t shard_index = 0, shard_written = 0;
  json shard_errors = json::array();
  bool failed = false;
  std::string failure;
  try {
    Item item;
    std::size_t p = 0;
    for (std::size_t j : todo_shards) {
      const std::size_t first = j * per_shard, end = std::min(total, (j + 1) * per_shard);
      sink = open_shard(o.format, o.output, shard_name(j));
      shard_index = j;
      shard_written = 0;
      shard_errors = json::array();
      for (std::size_t g = first; g < end; ++g, ++p) {
        if (!pool.next(item)) throw std::logic_error("the pool ended early");
        ++processed;
        const ProcessedSample& s = item.sample;
        if (!s.error.empty()) {
          ++error_count;
          json e = {{"key", s.key}, {"origin", s.origin}, {"epoch", s.epoch}, {"error", s.error}};
          shard_errors.push_back(e);
          errors.push_back(e);
          if (!o.quiet && error_count <= 20)
            std::cerr << fmt::format("\nerror: {}: {}\n", s.origin.empty() ? s.key : s.origin, s.error);
          if (error_count > max_errors) {
            failed = true;
            failure = fmt::format("{} bad sample(s), more than --max-errors {} allows ({})", error_count, o.max_errors,
                                  max_errors);
            break;
          }
        } else {
          const auto write_start = Clock::now();
          sink->add(item.members);
          metrics.stage("write").record(std::chrono::duration<double>(Clock::now() - write_start).count());
          ++shard_written;
          ++written;
          metrics.stage("read").record(s.times.read);
          metrics.stage("decode").record(s.times.decode);
          metrics.stage("augment").record(s.times.augment);
          metrics.coverage().record(s.params);
          std::uint64_t out_bytes = 0;
          for (const auto& [name, b] : item.members) out_bytes += b.size();
          metrics.sample_done(out_bytes);
        }
        if (!s.error.empty()) metrics.error();
        if (std::chrono::duration<double>(Clock::now() - last_report).count() >= o.metrics_interval) {
          last_report = Clock::now();
          report(false);
        }
        progress.update(processed + (mine - items.size()), error_count);
      }
      if (failed) break;
      const std::uint64_t bytes = sink->commit();
      sink.reset();
      journal << json{{"shard", shard_index},     {"name", shard_name(shard_index)},
                      {"first", first},           {"end", end},
                      {"written", shard_written}, {"bytes", bytes},
                      {"errors", shard_errors}}
                     .dump()
              << "\n"
              << std::flush;
      done[shard_index] = json{{"shard", shard_index},     {"name", shard_name(shard_index)},
                               {"first", first},           {"end", end},
                               {"written", shard_written}, {"bytes", bytes},
                               {"errors", shard_errors}};
    }
  } catch (const std::exception& e) {
    failed = true;
    failure = e.what();
  }
  report(true);
  pool.stop();
  sink.reset();  // an unfinished shard's temporary file goes
  progress.finish(processed + (mine - items.size()), error_count);

  // This process's part of the manifest; process 0 merges every part into DIR/manifest.json.
  json shard_list = json::array();
  for (const auto& [j, rec] : done) shard_list.push_back(rec);
  json part = {{"rank", world.rank},
               {"identity", identity},
               {"status", failed ? "failed" : "complete"},
               {"failure", failure},
               {"items", mine},
               {"written", written},
               {"errors", errors},
               {"shards", shard_list},
               {"wall_s", std::chrono::duration<double>(Clock::now() - wall_start).count()},
               {"workers", o.workers},
               {"metrics", metrics.to_json()}};
  write_atomically(state / fmt::format("part.r{}.json", world.rank), part.dump(2) + "\n");
  if (failed) std::cerr << fmt::format("error: auger run stopped: {}\n", failure);
  if (world.rank != 0) return failed ? kExitRunFailed : kExitOk;

  std::vector<json> parts;
  const auto deadline = Clock::now() + std::chrono::duration<double>(o.wait_ranks);
  for (int r = 0; r < world.size; ++r) {
    const fs::path pf = state / fmt::format("part.r{}.json", r);
    bool said = false;
    const auto ready = [&] {
      try {
        return fs::exists(pf) && read_json(pf)["identity"] == identity;  // not a part left by another run
      } catch (const std::exception&) {
        return false;
      }
    };
    while (!ready()) {
      if (Clock::now() > deadline) {
        std::cerr << fmt::format("error: process {} did not finish within --wait-ranks {}s; no manifest written\n", r,
                                 o.wait_ranks);
        return kExitRunFailed;
      }
      if (!said && !o.quiet) std::cerr << fmt::format("auger run: waiting for process {} to finish…\n", r);
      said = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    parts.push_back(read_json(pf));
  }
  json all_shards = json::array(), all_errors = json::array(), per_rank = json::array();
  std::size_t all_written = 0;
  std::uint64_t all_compiled = 0;
  double all_compile_seconds = 0;
  bool all_ok = true;
  std::map<std::size_t, json> by_index;
  for (auto& pj : parts) {
    for (auto& s : pj["shards"]) by_index[s["shard"].get<std::size_t>()] = s;
    for (auto& e : pj["errors"]) all_errors.push_back(e);
    all_written += pj["written"].get<std::size_t>();
    all_compiled += pj["metrics"].value("kernels_compiled", std::uint64_t{0});
    all_compile_seconds += pj["metrics"].value("compile_seconds", 0.0);
    all_ok = all_ok && pj["status"] == "complete";
    per_rank.push_back({{"rank", pj["rank"]},
                        {"status", pj["status"]},
                        {"wall_s", pj["wall_s"]},
                        {"workers", pj["workers"]},
                        {"metrics", pj["metrics"]}});
  }
  for (auto& [j, s] : by_index) all_shards.push_back(s);
  json manifest = {{"auger", "0.1.0"},
                   {"status", all_ok ? "complete" : "failed"},
                   {"identity", identity},
                   {"command", command_line},
                   {"samples", n},
                   {"items", total},
                   {"written", all_written},
                   {"error_count", all_errors.size()},
                   {"errors", all_errors},
                   {"shard_samples", per_shard},
                   {"shards", all_shards},
                   {"kernels_compiled", all_compiled},
                   {"compile_seconds", all_compile_seconds},
                   {"processes", per_rank}};
  write_atomically(out_dir / "manifest.json", manifest.dump(2) + "\n");
  if (!o.quiet)
    std::cerr << fmt::format("auger run: {} of {} samples written, {} error(s); manifest: {}\n", all_written, total,
                             all_errors.size(), (out_dir / "manifest.json").string());
  return all_ok ? kExitOk : kExitRunFailed;
}

}  // namespace

std::function<int()> register_run(CLI::App& app) {
  auto o = std::make_shared<RunOpts>();
  auto* cmd = app.add_subcommand("run", "Augment a data set offline into WebDataset shards or a folder of files");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option("--input,-i", o->input,
                  "The data set: an image folder (class sub-folders give labels), a .jsonl manifest, a COCO annotation "
                  "file (.json), or WebDataset shards (a .tar, a glob or a brace pattern)")
      ->required();
  cmd->add_option("--output,-o", o->output, "Output folder (created if missing)")->required();
  cmd->add_option("--format", o->format, "webdataset (tar shards, default) or folder (the files `apply` writes)")
      ->check(CLI::IsMember({"webdataset", "folder"}));
  cmd->add_option("--copies", o->copies, "Augmented copies of each sample; copy k draws as epoch k (default 1)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--workers", o->workers, "Worker threads (default 1)")->check(CLI::Range(1, 1024));
  cmd->add_option("--shard", o->shard,
                  "This process's part, i/n: it writes the shards j with j % n == i (default: from torchrun, "
                  "Open MPI, PMI or Slurm variables, else 0/1)");
  cmd->add_option("--seed", o->seed, "The run's seed (default 0)");
  cmd->add_option("--set", o->sets, "Override a policy parameter: --set magnitude=12 (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--disable", o->disabled, "Skip the statement with this label (repeatable)")->allow_extra_args(false);
  cmd->add_option("--path", o->path, "fused (default) or reference")->check(CLI::IsMember({"fused", "reference"}));
  cmd->add_flag("--shuffle", o->shuffle, "Write each copy in a shuffled order (a function of seed and copy)");
  cmd->add_option("--shard-samples", o->shard_samples, "Samples per shard (default: as many as fit --shard-bytes)");
  cmd->add_option("--shard-bytes", o->shard_bytes,
                  "Target shard size in bytes, judged by the first sample (default 268435456)")
      ->check(CLI::Range(std::uint64_t{1024}, std::uint64_t{1} << 40));
  cmd->add_option("--max-errors", o->max_errors,
                  "Unreadable or undecodable samples allowed, as a count (25) or a rate of the run's items (1.5%); "
                  "past it the run stops with exit 3 (default 1%)");
  cmd->add_option("--max-pixels", o->max_pixels,
                  "Refuse images whose header claims more pixels than this, before decoding (default 178956970)");
  cmd->add_flag("--resume", o->resume, "Continue a killed run in --output: complete shards are kept, the rest redone");
  cmd->add_flag("--force", o->force, "Start over in an --output that holds another run");
  cmd->add_flag("--no-region-decode", o->no_region, "Decode whole images even when the first crop needs less");
  cmd->add_flag("--scaled-decode", o->scaled_decode,
                "Decode JPEGs at 1/2, 1/4 or 1/8 of the size when the first crop keeps at least its output size "
                "there: faster on large photos, but not the pixels of a full decode (part of the run's identity)");
  cmd->add_option("--wait-ranks", o->wait_ranks,
                  "Seconds process 0 waits for the others before merging the manifest (default 3600)");
  cmd->add_option(
      "--metrics", o->metrics_file,
      "Append the run's metrics as JSON lines to this file, every --metrics-interval seconds and at the end");
  cmd->add_option("--metrics-interval", o->metrics_interval, "Seconds between metrics lines (default 10)")
      ->check(CLI::Range(0.0, 86400.0));
  cmd->add_option("--metrics-port", o->metrics_port,
                  "Serve Prometheus metrics on this port (/metrics, and /metrics.json); process r of n uses PORT + r; "
                  "0 picks a free port")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--metrics-host", o->metrics_host, "Address to serve metrics on (default 127.0.0.1, loopback)");
  cmd->add_flag("--quiet,-q", o->quiet, "No progress or summary on stderr");
  add_front_options(*cmd, o->front);
  cmd->footer(
      "Writes DIR/shard-NNNNNN.tar (members KEY.png or KEY.npy per pixel field, KEY.json with the other fields and "
      "the drawn \"params\", KEY.cls for a class label) or, with --format folder, DIR/KEY.png/.npy/.json; keys "
      "get _eK for copy K when --copies > 1. DIR/manifest.json records the identity, arguments, counts, errors, "
      "shards and per-stage timings.\nExit codes: 0 success, 1 errors in the policy, 2 wrong usage, 3 the run "
      "failed (I/O, more bad samples than --max-errors).");
  return [o]() {
    std::string command_line = "auger run " + o->file + " --input " + o->input + " --output " + o->output;
    return run(*o, command_line);
  };
}

}  // namespace auger::cli
