#include "engine/throughput.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/run_path.h"
#include "runtime/exec/ordered_pool.h"
#include "runtime/io/decode.h"

namespace auger::engine {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the whole process (every thread, user + system).
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Items per wall second and per CPU second of the process since `start` / `cpu_start`.
StageRate rate_since(std::size_t done, Clock::time_point start, double cpu_start) {
  StageRate r;
  r.per_s = static_cast<double>(done) / seconds_since(start);
  const double cpu = process_cpu_seconds() - cpu_start;
  r.per_cpu_s = cpu > 0 ? static_cast<double>(done) / cpu : 0;
  return r;
}

// Runs `work(worker, i)` for i = 0, 1, … split across `workers` threads, repeating the range [0, n) until at least
// `seconds` passed (one pass at least). The rate counts the calls that returned true (the sample was processed).
template <typename F>
StageRate timed(int workers, std::size_t n, double seconds, F work) {
  std::atomic<std::size_t> done{0}, next{0};
  const double cpu_start = process_cpu_seconds();
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (;;) {
        const std::size_t i = next.fetch_add(1);
        if (i >= n && seconds_since(start) >= seconds) return;
        if (work(w, i)) done.fetch_add(1);
      }
    });
  for (auto& t : threads) t.join();
  return rate_since(done.load(), start, cpu_start);
}

// Records a failed sample (from any worker thread).
class Failures {
 public:
  void add(std::size_t index, const std::string& key, const std::string& why) {
    const std::lock_guard<std::mutex> lock(mu_);
    ++count_;
    bad_.insert(index);
    if (first_.empty()) first_ = key + ": " + why;
  }
  void into(StageRate& r) {
    r.errors = count_;
    r.bad = std::move(bad_);
    r.first_error = std::move(first_);
  }

 private:
  std::mutex mu_;
  std::size_t count_ = 0;
  std::set<std::size_t> bad_;
  std::string first_;
};

std::vector<std::unique_ptr<SampleRunner>> runners_for(const ThroughputSetup& s) {
  std::vector<std::unique_ptr<SampleRunner>> runners;
  for (int w = 0; w < s.workers; ++w)
    runners.push_back(std::make_unique<SampleRunner>(s.policy, s.sampler, s.source, s.runner));
  return runners;
}

std::string first_image_field(const ir::Function& fn) {
  for (const auto& [name, type] : fn.inputs)
    if (type.kind == "image") return name;
  return "";
}

struct Decoded {
  std::vector<rt::Image> images;
  std::vector<std::string> keys;
};

Decoded decode_first(const rt::io::Source& source, std::size_t images) {
  Decoded out;
  for (std::size_t i = 0; i < source.size() && out.images.size() < images; ++i) {
    try {
      const auto s = source.read(i);
      if (s.blobs.empty()) continue;
      out.images.push_back(rt::io::decode_image(s.blobs.begin()->second, rt::io::DecodeRequest{}).image);
      out.keys.push_back(s.key);
    } catch (const std::exception&) {
      // An unreadable image is left out of the augment stage; the decode stage counts it.
    }
  }
  return out;
}

}  // namespace

void warm_up(const ThroughputSetup& setup) {
  SampleRunner runner(setup.policy, setup.sampler, setup.source, setup.runner);
  ProcessedSample s;
  for (std::size_t i = 0; i < std::min<std::size_t>(setup.source.size(), 64); ++i) runner.run(i, 0, s);
}

StageRate measure_end_to_end(const ThroughputSetup& setup) {
  const std::size_t n = setup.source.size();
  auto runners = runners_for(setup);
  std::size_t done = 0, processed = 0;
  Failures failures;
  const double cpu_start = process_cpu_seconds();
  const auto start = Clock::now();
  // Ordered delivery through a window of 4 samples per worker, as `auger run` drives it; whole epochs until the
  // time is up.
  for (std::uint64_t epoch = 1; done == 0 || seconds_since(start) < setup.seconds; ++epoch) {
    rt::exec::OrderedPool<ProcessedSample> pool(
        setup.workers, static_cast<std::size_t>(setup.workers) * 4, 0, n,
        [&](std::size_t p, int w, ProcessedSample& out) { runners[static_cast<std::size_t>(w)]->run(p, epoch, out); });
    ProcessedSample s;
    for (std::size_t p = 0; pool.next(s); ++p) {  // delivered in order: the p-th is sample p
      ++done;
      if (s.error.empty())
        ++processed;
      else
        failures.add(p, setup.source.key(p), s.error);
      if (seconds_since(start) >= setup.seconds && done >= n) break;
    }
  }
  StageRate rate = rate_since(processed, start, cpu_start);
  failures.into(rate);
  return rate;
}

StageRate measure_decode(const ThroughputSetup& setup) {
  const std::size_t n = setup.source.size();
  Failures failures;
  StageRate rate = timed(setup.workers, n, setup.seconds, [&](int, std::size_t i) {
    try {
      const auto s = setup.source.read(i % n);
      const auto it = s.blobs.begin();
      if (it != s.blobs.end()) (void)rt::io::decode_image(it->second, rt::io::DecodeRequest{});
      return true;
    } catch (const std::exception& e) {
      failures.add(i % n, setup.source.key(i % n), e.what());
      return false;
    }
  });
  failures.into(rate);
  return rate;
}

StageRate measure_augment(const ThroughputSetup& setup, std::size_t images) {
  const Decoded decoded = decode_first(setup.source, images);
  const std::size_t m = decoded.images.size();
  if (m == 0) return {};
  const std::string field = first_image_field(setup.policy.fn);
  // Outputs are per worker and reused, as batch slots would be.
  std::vector<std::unique_ptr<Executor>> executors;
  for (int w = 0; w < setup.workers; ++w) executors.push_back(make_executor(setup.runner.path));
  std::vector<std::map<std::string, rt::Image>> outputs(static_cast<std::size_t>(setup.workers));
  auto augment = [&](int w, std::size_t i) {
    const rt::Image& img = decoded.images[i % m];
    sampling::SampleContext ctx;
    ctx.key = decoded.keys[i % m];
    ctx.epoch = i / m;
    ctx.shapes[field] = img.shape;
    const auto trace = setup.sampler.sample(ctx);
    const std::map<std::string, const rt::Image*> in{{field, &img}};
    executors[static_cast<std::size_t>(w)]->run(trace, in, outputs[static_cast<std::size_t>(w)]);
    return true;
  };
  for (std::size_t i = 0; i < std::min<std::size_t>(m, 64); ++i) augment(0, i);
  return timed(setup.workers, m, setup.seconds, augment);
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace auger::engine
