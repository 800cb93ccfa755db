#include "engine/offline/shard_writer.h"

#include <fmt/format.h>

#include <chrono>

#include "engine/translation_chunks.h"
#include "runtime/exec/ordered_pool.h"

namespace auger::engine::offline {

namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

class ShardWriter {
 public:
  ShardWriter(const ShardPlan& plan, const WriterSetup& setup, Journal& journal, rt::metrics::RunMetrics& metrics,
              RunObserver& observer, rt::exec::OrderedPool<Item>& pool)
      : plan_(plan), setup_(setup), journal_(journal), metrics_(metrics), observer_(observer), pool_(pool) {}

  void run(PartResult& r) {
    for (const auto& [j, rec] : r.done) {
      for (const auto& e : rec["errors"]) r.errors.push_back(e);
      r.written += rec["written"].get<std::size_t>();
    }
    already_ = plan_.mine;
    for (const auto& job : plan_.todo) already_ -= job.end - job.first;
    try {
      for (const auto& job : plan_.todo)
        if (!write_shard(job, r)) break;
    } catch (const std::runtime_error& e) {  // WriteError, IoError, filesystem_error: each names the path
      fail(r, e.what());
    }
    report(true);
  }

 private:
  // Writes one shard; false when --max-errors stopped the run (the shard is discarded).
  bool write_shard(const ShardJob& job, PartResult& r) {
    auto sink = open_shard(setup_.format, setup_.dir.string(), shard_name(job.index));
    std::size_t written = 0;
    json errors = json::array();
    std::vector<std::string> files;
    Item item;
    for (std::size_t g = job.first; g < job.end; ++g) {
      if (!pool_.next(item)) throw std::logic_error("the pool ended early");
      ++r.processed;
      refuse_foreign(item);
      if (item.sample.error.empty()) {
        add(*sink, item);
        for (const auto& [name, bytes] : item.members) files.push_back(name);
        ++written;
      } else if (!record_error(item, errors, r)) {
        return false;
      }
      tick();
      observer_.progress(already_ + r.processed, r.errors.size());
    }
    // Which files are about to appear, in case a kill cuts the commit: a resumed or forced run knows them for
    // auger's own (engine/offline/foreign_files.h) and a later run removes them when it does not list them.
    journal_.append(setup_.format == "folder" ? json{{"committing", job.index}, {"files", files}}
                                              : json{{"committing", job.index}, {"name", shard_name(job.index)}});
    const std::uint64_t bytes = sink->commit();
    json rec = {{"shard", job.index}, {"name", shard_name(job.index)},
                {"first", job.first}, {"end", job.end},
                {"written", written}, {"bytes", bytes},
                {"errors", errors}};
    if (setup_.format == "folder") rec["files"] = sink->files();
    journal_.append(rec);
    r.written += written;
    r.done[job.index] = std::move(rec);
    return true;
  }

  // A sample whose file would replace one no auger run wrote is that sample's error (folder output; a tar shard's
  // name was checked before the run started).
  void refuse_foreign(Item& item) const {
    if (!item.sample.error.empty() || !setup_.foreign || setup_.format != "folder") return;
    std::vector<std::string> names;
    for (const auto& [name, bytes] : item.members) names.push_back(name);
    if (const std::string taken = setup_.foreign->first(names); !taken.empty()) {
      item.sample.error = setup_.foreign->refusal(taken);
      item.members.clear();
    }
  }

  void add(ShardSink& sink, const Item& item) {
    const auto start = Clock::now();
    sink.add(item.members);
    metrics_.stage("write").record(seconds_since(start));
    const ProcessedSample& s = item.sample;
    metrics_.stage("read").record(s.times.read);
    metrics_.stage("decode").record(s.times.decode);
    metrics_.stage("augment").record(s.times.augment);
    metrics_.coverage().record(s.params);
    std::uint64_t out_bytes = 0;
    for (const auto& [name, b] : item.members) out_bytes += b.size();
    metrics_.sample_done(out_bytes);
  }

  // Records a bad sample; false when it is one more than --max-errors allows.
  bool record_error(const Item& item, json& shard_errors, PartResult& r) {
    const ProcessedSample& s = item.sample;
    json e = {{"key", s.key}, {"origin", s.origin}, {"epoch", s.epoch}, {"error", s.error}};
    shard_errors.push_back(e);
    r.errors.push_back(std::move(e));
    metrics_.error();
    observer_.sample_failed(s, r.errors.size());
    if (r.errors.size() <= setup_.max_errors) return true;
    fail(r, fmt::format("{} bad sample(s), more than --max-errors {} allows ({})", r.errors.size(),
                        setup_.max_errors_text, setup_.max_errors));
    return false;
  }

  void fail(PartResult& r, const std::string& why) {
    r.failed = true;
    r.failure = why;
  }

  void tick() {
    if (seconds_since(last_report_) < setup_.metrics_interval) return;
    last_report_ = Clock::now();
    report(false);
  }

  void report(bool final) {
    metrics_.set_queue_depth(pool_.ready_count());
    const double w = pool_.waited_seconds();
    metrics_.add_wait(w - waited_before_);
    waited_before_ = w;
    if (!setup_.metrics_out) return;
    auto j = metrics_.to_json();
    j["rank"] = setup_.rank;
    j["final"] = final;
    *setup_.metrics_out << j.dump() << "\n" << std::flush;
  }

  const ShardPlan& plan_;
  const WriterSetup& setup_;
  Journal& journal_;
  rt::metrics::RunMetrics& metrics_;
  RunObserver& observer_;
  rt::exec::OrderedPool<Item>& pool_;
  std::size_t already_ = 0;  // items of shards complete before this run
  Clock::time_point last_report_ = Clock::now();
  double waited_before_ = 0;
};

}  // namespace

PartResult write_shards(const RunItems& items, std::vector<std::unique_ptr<SampleRunner>>& runners,
                        const ShardPlan& plan, ShardRecords done, const WriterSetup& setup, Journal& journal,
                        rt::metrics::RunMetrics& metrics, RunObserver& observer) {
  std::vector<std::size_t> todo;
  for (const auto& job : plan.todo)
    for (std::size_t g = job.first; g < job.end; ++g) todo.push_back(g);
  const int workers = static_cast<int>(runners.size());
  TranslationChunks translation(todo.size(), uses_translation(items.function()));
  rt::exec::OrderedPool<Item> pool(workers, static_cast<std::size_t>(workers) * 4, 0, todo.size(),
                                   [&](std::size_t p, int w, Item& item) {
                                     SampleRunner& runner = *runners[static_cast<std::size_t>(w)];
                                     translation.before(p, [&](std::size_t q) { items.collect(runner, todo[q]); });
                                     items.make(runner, todo[p], item);
                                   });
  PartResult r;
  r.done = std::move(done);
  ShardWriter(plan, setup, journal, metrics, observer, pool).run(r);
  pool.stop();
  return r;
}

}  // namespace auger::engine::offline
