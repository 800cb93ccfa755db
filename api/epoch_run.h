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
//   * A policy with a `batch { }` block: once a batch's rows are all copied, a worker (any, like a copy) runs the
//     block on it in place (BatchMixer); only then can the consumer take it.
//   * The GPU path (Config::gpu): the image field's rows are the decoded images with their plans (or, for a sample
//     the kernels cannot express, the CPU path's result) instead of rows of a host tensor; once the batch is
//     complete a worker runs it through the GPU batch kernels, as it would run a batch block.
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
#include "api/gpu_batch.h"
#include "compiler/ir/ir.h"
#include "compiler/sampling/policy_sampler.h"
#include "engine/sample_runner.h"
#include "engine/translation_chunks.h"
#include "runtime/gpu/batch_rows.h"
#include "runtime/metrics/metrics.h"

namespace auger::detail {

// How the policy's output fields become batch columns.
struct Collation {
  struct Soft {
    std::string name;
    std::int64_t classes = 0;  // N of soft(N)
  };
  std::vector<std::string> pixel_fields;  // image and mask: [B, C, H, W] tensors
  std::vector<std::string> class_fields;  // `class(N)`: int64 per sample
  std::vector<Soft> soft_fields;          // `soft(N)` (what mixing makes of `class(N)`): N floats per sample
  std::vector<std::string> json_fields;   // anything else (boxes, keypoints, `class(N)[]` lists…), as JSON
  std::vector<std::string> audio_fields;  // audio and spectrogram: padded f32 tensors and FIELD_lengths
};

// A sample's value of a `soft(N)` field as a row of N probabilities: a class index becomes one-hot, a list of N
// numbers is taken as it is, an absent value (null) is all zeros. Returns why not when the value is none of these
// (an index outside 0..N-1, a list of another length).
std::string soft_row(const nlohmann::ordered_json& value, std::int64_t classes, float* row);

// The policy's `batch { }` block (MixUp, CutMix), run on each collated batch in place. Its randomness is one draw
// stream per batch: the sampler walks the block with the sample key "batch:" + the batch's sample keys joined by
// "," (so it depends on the seed, the epoch and which samples the batch holds, never on the worker count), and each
// op resolves its own draws (lambda, cutmix's box) on the stream of its site for that key and the batch's image
// shape. Pixel fields mix as rt::find_batch_op's reference apply() does, byte for byte; `soft` fields mix with the
// op's final lambda: y_i = lambda y_i + (1 - lambda) y_(B-1-i).
class BatchMixer {
 public:
  BatchMixer(const ir::Function& fn, const std::vector<std::string>& disabled, std::uint64_t seed);
  BatchMixer(const BatchMixer&) = delete;  // sampler_ refers to block_
  BatchMixer& operator=(const BatchMixer&) = delete;

  // Whether `fn` has a batch block at all.
  [[nodiscard]] bool empty() const { return block_.body.empty(); }
  // Mixes the first `rows` rows of `b` (complete: every row copied) and records what each op drew in
  // b.batch_params. Throws std::exception when an op cannot run (a bug or a corrupt policy, not a bad sample).
  void mix(Batch& b, std::size_t rows) const;

 private:
  ir::Function block_;  // the policy with only its batch block for a body: the sites, parameters and labels stay
  std::unique_ptr<sampling::PolicySampler> sampler_;
  std::uint64_t seed_ = 0;
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
  rt::metrics::LatencyHistogram& mix = run.stage("mix");  // per batch: the batch block
  rt::metrics::LatencyHistogram& gpu = run.stage("gpu");  // per batch: packing, the copy and the kernels' launches

  mutable std::mutex mu;
  std::uint64_t batches = 0, dropped = 0;
  // The GPU path, over delivered batches: samples the kernels took, and those that ran on the CPU.
  std::uint64_t gpu_samples = 0, gpu_cpu_samples = 0;
  nlohmann::ordered_json error_list = nlohmann::ordered_json::array();  // the first kMaxListedErrors
  double active_s = 0;   // wall time of the runs so far (the time spent iterating)
  double depth_sum = 0;  // ready batches found by each next(), summed
  int running = 0;       // runs in progress (several iterators may run at once), since run_start
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
  // Bytes of the kept buffers nobody else holds: memory the pool can hand out again without allocating.
  [[nodiscard]] std::size_t idle_bytes() const;

 private:
  std::size_t capacity_;
  std::vector<std::pair<std::size_t, std::shared_ptr<void>>> kept_;
};

// The memory the machine has left for this process, in bytes (/proc/meminfo's MemAvailable); SIZE_MAX when it
// cannot be told. A refusal below it is a certainty, not a guess: an allocation that still fails (a cgroup or an
// address-space limit) reaches the consumer as std::bad_alloc.
std::size_t available_memory();

// Why a batch of `rows` samples of `sample_bytes` pixel bytes each cannot be attempted: the `prefetch` batches
// being filled or waiting plus the one the consumer holds exceed `available` bytes. Empty when they fit. The message
// names what to change: `prefetch` when prefetch 1 would fit, else `batch_size` (what the user asked for).
std::string batch_memory_problem(std::size_t batch_size, std::size_t rows, std::size_t sample_bytes,
                                 std::size_t prefetch, std::size_t available);

class EpochRun {
 public:
  struct Config {
    std::vector<engine::SampleRunner*> runners;  // one per worker
    std::vector<std::size_t> order;              // source indices, in the rank's order
    std::uint64_t epoch = 0;
    std::size_t batch_size = 1, prefetch = 2, slots = 2;
    bool drop_last = false;
    const Collation* collation = nullptr;
    const BatchMixer* mixer = nullptr;  // null when the policy has no batch block
    LoaderStats* stats = nullptr;
    BufferPool* buffers = nullptr;
    // Bytes a batch may count on (available_memory() when the run starts): the first batch's real shapes are
    // checked against it before anything is allocated.
    std::size_t available_memory = SIZE_MAX;
    bool translates = false;  // the policy back-translates: requests are batched per chunk of positions
    GpuStage* gpu = nullptr;  // Loader(device="cuda") on the GPU batch kernels; the runners plan for them
  };

  explicit EpochRun(Config config);  // starts the workers
  ~EpochRun();                       // stops them (samples in progress finish first)
  EpochRun(const EpochRun&) = delete;
  EpochRun& operator=(const EpochRun&) = delete;

  // The next batch in order; false after the last. Rethrows what stopped the run: whatever a worker threw (an
  // Error, std::bad_alloc) ends up here, on the consumer's thread, never escaping a worker thread.
  bool next(Batch& out);

 private:
  enum class SlotState { Free, Working, Done, Queued };
  struct Filling {
    Batch batch;
    std::size_t assigned = 0, copied = 0;
    std::string first_key;                                        // whose shapes the buffers have
    std::map<std::string, std::vector<rt::audio::Signal>> audio;  // per audio field, one per row: padded at the end
    std::vector<rt::gpu::GpuRow> gpu_rows;                        // the GPU path's image field, one per row
    std::vector<std::string> cpu_notes;  // the GPU path: per row, why it ran on the CPU ("" when it did not)
    std::size_t gpu_kernel_rows = 0, gpu_cpu_rows = 0;  // counted into the statistics when delivered
    bool complete = false;  // every row it will have is copied (queued for mixing if the policy mixes)
    bool ready = false;     // complete and mixed: the consumer may take it
  };
  struct Slot {
    engine::ProcessedSample sample;
    SlotState state = SlotState::Free;
    std::size_t row = 0;
    Filling* batch = nullptr;
  };

  void work(int worker);
  void work_guarded(int worker);
  void fail_locked(std::exception_ptr e);
  void resolve_locked();
  void start_batch_locked(std::size_t index, const engine::ProcessedSample& first);
  [[nodiscard]] std::string shape_mismatch_locked(const Filling& f, const engine::ProcessedSample& s) const;
  [[nodiscard]] std::string soft_label_problem(const engine::ProcessedSample& s) const;
  double copy_row(Slot& slot);
  void check_complete_locked(Filling& f);
  double mix(Filling& f);
  void run_on_gpu(Filling& f);
  [[nodiscard]] rt::Shape pixel_shape(const engine::ProcessedSample& s, const std::string& field) const;
  void finish_locked();
  void stop();  // stops and joins the workers
  Slot& slot_of(std::size_t p) { return slots_[p % slots_.size()]; }
  [[nodiscard]] bool can_take_locked() {
    return next_take_ < c_.order.size() && slot_of(next_take_).state == SlotState::Free;
  }
  [[nodiscard]] bool front_ready_locked() const;

  Config c_;
  engine::TranslationChunks translation_;
  std::vector<Slot> slots_;
  std::deque<Filling> filling_;     // batches delivered_, delivered_ + 1, …; references stay valid on push/pop
  std::deque<std::size_t> copies_;  // positions resolved and waiting for a worker to copy them
  std::deque<Filling*> mixes_;      // complete batches waiting for a worker to run the batch block on them
  std::size_t next_take_ = 0, next_resolve_ = 0, good_ = 0, delivered_ = 0, failed_ = 0;
  std::vector<nlohmann::ordered_json> skipped_;  // failed samples not yet reported with a batch
  nlohmann::ordered_json first_failure_;         // for the error of an epoch in which every sample failed
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
