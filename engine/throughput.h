// Throughput of a policy over a data set, stage by stage (`auger bench`), in samples/s:
//   decode      reading and fully decoding the source's images, on N worker threads;
//   augment     the policy alone on images already decoded (held in memory), on N worker threads;
//   end to end  the real pipeline `auger run` and the loader use: read, header, sampling, region decode and augment
//               on N workers, delivered in order through the bounded queue to one consumer.
// Each stage runs over the source (repeated as needed) for at least `seconds`. A sample that fails to read, decode
// or run is not a sample processed: it counts in `errors` and `bad`, never in the rates.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"
#include "engine/sample_runner.h"
#include "runtime/io/source.h"

namespace auger::engine {

struct ThroughputSetup {
  const LoadedPolicy& policy;
  const sampling::PolicySampler& sampler;
  const rt::io::Source& source;
  RunnerOptions runner;
  int workers = 1;
  double seconds = 3;
};

struct StageRate {
  double per_s = 0;
  // Samples per CPU second of the process: what a stage costs, less sensitive than per_s to other processes
  // sharing the cores (benchmarks compare it with their peers' CPU time).
  double per_cpu_s = 0;
  std::size_t errors = 0;     // attempts that failed to read, decode or run (a sample failing on every pass counts
                              // once a pass)
  std::set<std::size_t> bad;  // which of the source's samples failed
  std::string first_error;    // "KEY: why" of the first failure seen
};

// Runs the first samples once, outside every timing, so later stages measure steady work.
void warm_up(const ThroughputSetup& setup);
StageRate measure_end_to_end(const ThroughputSetup& setup);
StageRate measure_decode(const ThroughputSetup& setup);
// Over the first `images` decodable images; per_s is 0 when none decodes.
StageRate measure_augment(const ThroughputSetup& setup, std::size_t images);

double peak_rss_mb();

// The source's samples [0, n), or the first `limit` of them.
class LimitedSource final : public rt::io::Source {
 public:
  LimitedSource(const rt::io::Source& s, std::size_t n) : s_(s), n_(std::min(n, s.size())) {}
  [[nodiscard]] std::size_t size() const override { return n_; }
  [[nodiscard]] const std::string& key(std::size_t i) const override { return s_.key(i); }
  [[nodiscard]] std::string origin(std::size_t i) const override { return s_.origin(i); }
  [[nodiscard]] rt::io::StoredSample read(std::size_t i) const override { return s_.read(i); }
  [[nodiscard]] std::vector<std::string> classes() const override { return s_.classes(); }
  [[nodiscard]] std::string describe() const override { return s_.describe(); }

 private:
  const rt::io::Source& s_;
  std::size_t n_;
};

}  // namespace auger::engine
