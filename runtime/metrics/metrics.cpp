#include "runtime/metrics/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/fused/kernel_cache.h"

namespace auger::rt::metrics {

namespace {

constexpr std::size_t kKeptValues = 100000;

}  // namespace

// --- LatencyHistogram ---------------------------------------------------------------------------------------------

double LatencyHistogram::upper_bound(int bucket) {
  if (bucket >= kBuckets - 1) return std::numeric_limits<double>::infinity();
  return 1e-6 * std::pow(10.0, static_cast<double>(bucket) / 8.0);
}

void LatencyHistogram::record(double seconds) {
  int b = 0;
  if (seconds > 1e-6) b = std::min(kBuckets - 1, static_cast<int>(std::ceil(8.0 * std::log10(seconds / 1e-6))));
  // ceil of a log can land one bucket low at an exact boundary's rounding: keep the bound's promise.
  while (b < kBuckets - 1 && seconds > upper_bound(b)) ++b;
  buckets_[static_cast<std::size_t>(b)].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max(0.0, seconds) * 1e9), std::memory_order_relaxed);
}

double LatencyHistogram::sum() const {
  return static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) * 1e-9;
}

std::array<std::uint64_t, LatencyHistogram::kBuckets> LatencyHistogram::buckets() const {
  std::array<std::uint64_t, kBuckets> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = buckets_[i].load(std::memory_order_relaxed);
  return out;
}

double LatencyHistogram::quantile(double q) const {
  const auto b = buckets();
  std::uint64_t total = 0;
  for (auto v : b) total += v;
  if (total == 0) return 0;
  const auto want = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total)));
  std::uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += b[static_cast<std::size_t>(i)];
    if (seen >= std::max<std::uint64_t>(want, 1)) return upper_bound(i);
  }
  return upper_bound(kBuckets - 1);
}

// --- Coverage -----------------------------------------------------------------------------------------------------

void Coverage::record(const nlohmann::ordered_json& params) {
  std::lock_guard lock(mu_);
  for (auto it = params.begin(); it != params.end(); ++it) {
    Site& site = sites_[it.key()];
    ++site.fired;
    for (auto a = it->begin(); a != it->end(); ++a) {
      if (a.key() == "op") {
        site.op = a->is_string() ? a->get<std::string>() : a->dump();
        continue;
      }
      Param& p = site.params[a.key()];
      if (a->is_number() && !a->is_number_integer()) {
        ++p.numbers;
        if (p.values.size() < kKeptValues) p.values.push_back(a->get<double>());
      } else if (a->is_number_integer() && p.counts.size() >= 32) {
        ++p.numbers;  // many distinct integers (crop boxes): a numeric histogram says more
        if (p.values.size() < kKeptValues) p.values.push_back(a->get<double>());
      } else {
        ++p.counts[a->dump()];
      }
    }
  }
}

std::map<std::string, std::uint64_t> Coverage::fired() const {
  std::lock_guard lock(mu_);
  std::map<std::string, std::uint64_t> out;
  for (const auto& [name, s] : sites_) out[name] = s.fired;
  return out;
}

nlohmann::ordered_json Coverage::to_json() const {
  std::lock_guard lock(mu_);
  auto out = nlohmann::ordered_json::object();
  for (const auto& [name, s] : sites_) {
    nlohmann::ordered_json site = {{"op", s.op}, {"fired", s.fired}};
    auto params = nlohmann::ordered_json::object();
    for (const auto& [pname, p] : s.params) {
      nlohmann::ordered_json pj = nlohmann::ordered_json::object();
      if (!p.counts.empty()) {
        auto counts = nlohmann::ordered_json::object();
        for (const auto& [v, c] : p.counts) counts[v] = c;
        pj["counts"] = counts;
      }
      if (!p.values.empty()) {
        const auto [lo, hi] = std::minmax_element(p.values.begin(), p.values.end());
        double sum = 0;
        for (double v : p.values) sum += v;
        constexpr int kBins = 10;
        std::vector<std::uint64_t> bins(kBins, 0);
        const double width = (*hi - *lo) / kBins;
        for (double v : p.values) {
          int b = width > 0 ? static_cast<int>((v - *lo) / width) : 0;
          ++bins[static_cast<std::size_t>(std::clamp(b, 0, kBins - 1))];
        }
        pj["numbers"] = p.numbers;
        pj["min"] = *lo;
        pj["max"] = *hi;
        pj["mean"] = sum / static_cast<double>(p.values.size());
        pj["histogram"] = {{"lo", *lo}, {"hi", *hi}, {"counts", bins}};
      }
      params[pname] = pj;
    }
    site["params"] = params;
    out[name] = site;
  }
  return out;
}

// --- RunMetrics ---------------------------------------------------------------------------------------------------

RunMetrics::RunMetrics()
    : start_(std::chrono::steady_clock::now()),
      compiled_at_start_(fused::kernel_compilations()),
      compile_seconds_at_start_(fused::kernel_compile_seconds()) {
  for (const char* s : {"read", "decode", "augment", "collate", "write"}) stage(s);
}

LatencyHistogram& RunMetrics::stage(const std::string& name) {
  std::lock_guard lock(mu_);
  auto& slot = stages_[name];
  if (!slot) slot = std::make_unique<LatencyHistogram>();
  return *slot;
}

nlohmann::ordered_json RunMetrics::to_json() const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const auto samples = samples_.load();
  nlohmann::ordered_json j = {{"elapsed_s", elapsed},
                              {"samples", samples},
                              {"samples_per_s", elapsed > 0 ? static_cast<double>(samples) / elapsed : 0.0},
                              {"errors", errors_.load()},
                              {"bytes_out", bytes_.load()},
                              {"queue_depth", queue_depth_.load()},
                              {"consumer_wait_s", static_cast<double>(wait_ns_.load()) * 1e-9},
                              {"kernels_compiled", fused::kernel_compilations() - compiled_at_start_},
                              {"compile_seconds", fused::kernel_compile_seconds() - compile_seconds_at_start_}};
  auto stages = nlohmann::ordered_json::object();
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, h] : stages_) {
      const auto n = h->count();
      if (!n) continue;
      stages[name] = {{"count", n},
                      {"mean_ms", 1e3 * h->sum() / static_cast<double>(n)},
                      {"p50_ms", 1e3 * h->quantile(0.5)},
                      {"p95_ms", 1e3 * h->quantile(0.95)},
                      {"p99_ms", 1e3 * h->quantile(0.99)}};
    }
  }
  j["stages"] = stages;
  j["coverage"] = coverage_.to_json();
  return j;
}

std::string RunMetrics::to_prometheus() const {
  std::string out;
  const auto counter = [&](const char* name, const char* help, const char* type, double v) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, v);
  };
  counter("auger_samples_total", "Samples augmented.", "counter", static_cast<double>(samples_.load()));
  counter("auger_errors_total", "Samples skipped: unreadable, undecodable or refused.", "counter",
          static_cast<double>(errors_.load()));
  counter("auger_output_bytes_total", "Bytes of encoded output.", "counter", static_cast<double>(bytes_.load()));
  counter("auger_queue_depth", "Finished samples waiting for the consumer.", "gauge",
          static_cast<double>(queue_depth_.load()));
  counter("auger_consumer_wait_seconds_total", "Time the consumer waited for the next sample.", "counter",
          static_cast<double>(wait_ns_.load()) * 1e-9);
  counter("auger_kernels_compiled_total", "Kernels compiled during the run (none when the build's kernels cover it).",
          "counter", static_cast<double>(fused::kernel_compilations() - compiled_at_start_));
  counter("auger_kernel_compile_seconds_total", "Seconds spent compiling those kernels.", "counter",
          fused::kernel_compile_seconds() - compile_seconds_at_start_);
  out +=
      "# HELP auger_stage_seconds Per-sample latency of each pipeline stage.\n# TYPE auger_stage_seconds histogram\n";
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, h] : stages_) {
      const auto b = h->buckets();
      std::uint64_t cum = 0;
      for (int i = 0; i < LatencyHistogram::kBuckets; ++i) {
        cum += b[static_cast<std::size_t>(i)];
        const std::string le =
            i == LatencyHistogram::kBuckets - 1 ? "+Inf" : fmt::format("{:.6g}", LatencyHistogram::upper_bound(i));
        out += fmt::format("auger_stage_seconds_bucket{{stage=\"{}\",le=\"{}\"}} {}\n", name, le, cum);
      }
      out += fmt::format("auger_stage_seconds_sum{{stage=\"{}\"}} {}\n", name, h->sum());
      out += fmt::format("auger_stage_seconds_count{{stage=\"{}\"}} {}\n", name, h->count());
    }
  }
  out +=
      "# HELP auger_statement_fired_total Samples in which each statement site ran.\n"
      "# TYPE auger_statement_fired_total counter\n";
  for (const auto& [site, n] : coverage_.fired()) {
    std::string escaped;
    for (char c : site) {
      if (c == '\\' || c == '"') escaped += '\\';
      escaped += c;
    }
    out += fmt::format("auger_statement_fired_total{{site=\"{}\"}} {}\n", escaped, n);
  }
  return out;
}

}  // namespace auger::rt::metrics
