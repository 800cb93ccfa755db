// What a run reports about itself: per-stage latency histograms, throughput, queue depth, how long the consumer
// waited, errors, and coverage — how often each statement site fired and what it drew. Thread-safe: workers record,
// a reporter reads. Exported as JSON (one object per report; `auger run --metrics FILE` appends them as JSON lines)
// and as Prometheus text (served on `--metrics-port`).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace auger::rt::metrics {

// Latencies in log-spaced buckets from 1 µs to ~100 s (8 per decade): constant memory, lock-free recording.
class LatencyHistogram {
 public:
  static constexpr int kBuckets = 8 * 8 + 1;  // the last one is +Inf
  static double upper_bound(int bucket);      // seconds; infinity for the last

  void record(double seconds);
  [[nodiscard]] std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  [[nodiscard]] double sum() const;
  // An upper bound of the q-quantile (the bucket boundary it falls under).
  [[nodiscard]] double quantile(double q) const;
  [[nodiscard]] std::array<std::uint64_t, kBuckets> buckets() const;

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_ns_{0};
};

// How often each statement site fired and the distribution of what it drew: counts per value for enums, booleans
// and integers with few values; count, min, max, mean and a 10-bin histogram for numbers (over the first 100,000
// values kept, which is plenty for a coverage report and bounds memory).
class Coverage {
 public:
  // One sample's "params" record: {site: {"op": name, arg: value, …}, …}.
  void record(const nlohmann::ordered_json& params);
  [[nodiscard]] nlohmann::ordered_json to_json() const;
  [[nodiscard]] std::map<std::string, std::uint64_t> fired() const;  // site → count

 private:
  struct Param {
    std::map<std::string, std::uint64_t> counts;  // non-numeric values, by their JSON text
    std::vector<double> values;                   // numbers (bounded)
    std::uint64_t numbers = 0;
  };
  struct Site {
    std::string op;
    std::uint64_t fired = 0;
    std::map<std::string, Param> params;
  };
  mutable std::mutex mu_;
  std::map<std::string, Site> sites_;
};

class RunMetrics {
 public:
  RunMetrics();
  // The stages a sample goes through (read, decode, augment, collate, write); unknown names are added.
  LatencyHistogram& stage(const std::string& name);
  void sample_done(std::uint64_t bytes_out = 0) {
    samples_.fetch_add(1, std::memory_order_relaxed);
    bytes_.fetch_add(bytes_out, std::memory_order_relaxed);
  }
  void error() { errors_.fetch_add(1, std::memory_order_relaxed); }
  void set_queue_depth(std::size_t d) { queue_depth_.store(d, std::memory_order_relaxed); }
  void add_wait(double seconds) {
    wait_ns_.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  }
  Coverage& coverage() { return coverage_; }

  // A snapshot: elapsed, samples, samples/s, errors, bytes, queue depth, consumer wait, the kernels this process
  // compiled since the run began and the seconds that took (0 for a policy the build's kernels cover), per-stage
  // histograms (count, mean, p50, p95, p99 in ms), coverage.
  [[nodiscard]] nlohmann::ordered_json to_json() const;
  // Prometheus text exposition format 0.0.4: auger_samples_total, auger_errors_total, auger_queue_depth,
  // auger_consumer_wait_seconds_total, auger_kernels_compiled_total, auger_kernel_compile_seconds_total,
  // auger_stage_seconds (a histogram per stage), auger_statement_fired_total.
  [[nodiscard]] std::string to_prometheus() const;

 private:
  std::chrono::steady_clock::time_point start_;
  std::uint64_t compiled_at_start_ = 0;
  double compile_seconds_at_start_ = 0;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<LatencyHistogram>> stages_;
  std::atomic<std::uint64_t> samples_{0}, errors_{0}, bytes_{0}, wait_ns_{0};
  std::atomic<std::size_t> queue_depth_{0};
  Coverage coverage_;
};

}  // namespace auger::rt::metrics
