// One epoch of a Loader: worker threads turn the rank's order of samples into batches. Internal to api/.
//
// Why not OrderedPool: a sample's row in a batch depends on how many samples before it in the order failed, which
// is known only once they have all finished, while the workers — not the consumer — are to copy each sample into
// its row so that collation runs in parallel. So the run keeps its own schedule, with the same guarantees:
//
//   * Workers take positions of the order in turn (p = 0, 1, …) into a ring of sample slots; position p waits for
//     its slot until position p - slots has been copied out (memory: `slots` processed samples).
//   * As soon as positions 0..p have finished, they are resolved in order: a failed sample is counted and dropped;
//     a good one becomes row k % B of batch k / B, where k counts the good samples before it — a function of the
//     order and of which samples fail (the data), never of timing. Resolving is bookkeeping under the lock; the
//     copy is queued and any worker takes it (copies come before new samples).
//   * A batch's buffers are allocated when its first row is resolved, with that sample's shapes; a later sample
//     with another shape stops the run with an Error naming both keys.
//   * At most `prefetch` batches are being filled or waiting for the consumer: resolving stops at the first row of
//     batch delivered + prefetch until the consumer takes one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/auger.h"
#include "runtime/metrics/metrics.h"
#include "tools/sample_runner.h"

namespace auger::detail {

// How the policy's output fields become batch columns.
struct Collation {
  std::vector<std::string> pixel_fields;  // image and mask: [B, C, H, W] tensors
  std::vector<std::string> class_fields;  // int64 per sample
  std::vector<std::string> json_fields;   // anything else, as JSON
};

// What the runs of a loader add up to; workers and the consumer write it, metrics() reads it. The per-sample
// figures (stage latencies, samples, errors, wait, coverage) are rt::metrics', as `auger run` reports them; the
// rest is the loader's own, under `mu`.
struct LoaderStats {
  rt::metrics::RunMetrics run;
  rt::metrics::LatencyHistogram& read = run.stage("read");
  rt::metrics::LatencyHistogram& decode = run.stage("decode");
  rt::metrics::LatencyHistogram& augment = run.stage("augment");
  rt::metrics::LatencyHistogram& collate = run.stage("collate");

  mutable std::mutex mu;
  std::uint64_t batches = 0, dropped = 0;
  nlohmann::ordered_json error_list = nlohmann::ordered_json::array();  // the first kMaxListedErrors
  double active_s = 0;   // wall time of the runs so far (the time spent iterating)
  double depth_sum = 0;  // ready batches found by each next(), summed
  bool running = false;  // a run is in progress since run_start
  std::chrono::steady_clock::time_point run_start;
  static constexpr std::size_t kMaxListedErrors = 20;
};

// Batch buffers, reused once nobody holds them any more: a fresh buffer of a few hundred MB costs a page fault per
// 4 KiB on first write, which would land on the workers' copies of every batch. Used under the run's lock.
class BufferPool {
 public:
  explicit BufferPool(std::size_t capacity) : capacity_(capacity) {}
  // A 64-byte aligned buffer of `bytes`: a kept one that only the pool still holds (numpy arrays and tensors made
  // from a batch hold theirs), else a new one, kept while there is room.
  std::shared_ptr<void> acquire(std::size_t bytes);

 private:
  std::size_t capacity_;
  std::vector<std::pair<std::size_t, std::shared_ptr<void>>> kept_;
};

class EpochRun {
 public:
  struct Config {
    std::vector<cli::SampleRunner*> runners;  // one per worker
    std::vector<std::size_t> order;           // source indices, in the rank's order
    std::uint64_t epoch = 0;
    std::size_t batch_size = 1, prefetch = 2, slots = 2;
    bool drop_last = false;
    const Collation* collation = nullptr;
    LoaderStats* stats = nullptr;
    BufferPool* buffers = nullptr;
  };

  explicit EpochRun(Config config);  // starts the workers
  ~EpochRun();                       // stops them (samples in progress finish first)
  EpochRun(const EpochRun&) = delete;
  EpochRun& operator=(const EpochRun&) = delete;

  // The next batch in order; false after the last. Rethrows what stopped the run.
  bool next(Batch& out);

 private:
  enum class SlotState { Free, Working, Done, Queued };
  struct Filling {
    Batch batch;
    std::size_t assigned = 0, copied = 0;
    std::string first_key;  // whose shapes the buffers have
  };
  struct Slot {
    cli::ProcessedSample sample;
    SlotState state = SlotState::Free;
    std::size_t row = 0;
    Filling* batch = nullptr;
  };

  void work(int worker);
  void fail_locked(std::exception_ptr e);
  void resolve_locked();
  void start_batch_locked(std::size_t index, const cli::ProcessedSample& first);
  [[nodiscard]] std::string shape_mismatch_locked(const Filling& f, const cli::ProcessedSample& s) const;
  double copy_row(Slot& slot);
  void finish_locked();
  Slot& slot_of(std::size_t p) { return slots_[p % slots_.size()]; }
  [[nodiscard]] bool can_take_locked() {
    return next_take_ < c_.order.size() && slot_of(next_take_).state == SlotState::Free;
  }
  [[nodiscard]] bool front_ready_locked() const;

  Config c_;
  std::vector<Slot> slots_;
  std::deque<Filling> filling_;     // batches delivered_, delivered_ + 1, …; references stay valid on push/pop
  std::deque<std::size_t> copies_;  // positions resolved and waiting for a worker to copy them
  std::size_t next_take_ = 0, next_resolve_ = 0, good_ = 0, delivered_ = 0;
  bool resolved_all_ = false, stopping_ = false, finished_ = false;
  // A batch that cannot be assembled (mixed shapes): resolving stops there, and the consumer gets the error when it
  // reaches that batch, after the ones before it. Any other failure (no memory) stops the run at once.
  std::size_t bad_batch_ = SIZE_MAX;
  std::exception_ptr bad_batch_error_, error_;
  std::mutex mu_;
  std::condition_variable work_cv_, ready_cv_;
  std::vector<std::thread> threads_;
};

}  // namespace auger::detail
