#include <fmt/format.h>

#include <algorithm>

#include "api/auger.h"
#include "api/epoch_run.h"
#include "api/policy_state.h"
#include "runtime/exec/order.h"
#include "runtime/exec/world.h"
#include "runtime/io/source.h"

namespace auger {

namespace detail {

class LoaderImpl {
 public:
  LoaderImpl(const Policy& policy, const std::string& source, LoaderOptions options)
      : policy_(policy), options_(std::move(options)) {
    if (options_.batch_size < 1) throw Error("batch_size must be at least 1");
    if (options_.workers < 1) throw Error("workers must be at least 1");
    if (options_.prefetch < 1) throw Error("prefetch must be at least 1 batch");
    rt::exec::World env;
    if (!options_.rank || !options_.world_size) {
      try {
        env = rt::exec::world_from_environment();
      } catch (const std::invalid_argument& e) {
        throw Error(e.what());
      }
    }
    rank_ = options_.rank.value_or(env.rank);
    world_size_ = options_.world_size.value_or(env.size);
    if (world_size_ < 1 || rank_ < 0 || rank_ >= world_size_)
      throw Error(fmt::format("rank {} of world size {}: the rank must be in 0..world_size-1", rank_, world_size_));

    const ir::Function& fn = policy_.state().loaded.fn;
    for (const auto& [name, type] : fn.outputs) {
      // A list (`class(3)[]`, aligned with boxes) has a length of its own per sample: it stays JSON.
      const bool list = type.text.find("[]") != std::string::npos;
      if (type.kind == "image" || type.kind == "mask") {
        collation_.pixel_fields.push_back(name);
      } else if (type.kind == "class" && !list) {
        collation_.class_fields.push_back(name);
      } else if (type.kind == "soft" && !list) {
        // `class(N)` softened by the batch block, or a `soft(N)` input: N is the schema field's class count.
        const FieldInfo* field = policy_.state().loaded.policy->sample->field(name);
        const std::int64_t classes = field ? field->classes : 0;
        if (classes < 1) throw Error(fmt::format("field `{}`: cannot tell the class count of `{}`", name, type.text));
        collation_.soft_fields.push_back({name, classes});
      } else {
        collation_.json_fields.push_back(name);
      }
      output_types_.emplace_back(name, type.text);
    }
    mixer_ = std::make_unique<BatchMixer>(fn, policy_.state().disabled, policy_.seed());
    if (!mixer_->empty() && collation_.pixel_fields.empty())
      throw Error(fmt::format("policy `{}` has a `batch {{ }}` block but no image field to mix", policy_.name()));

    try {
      source_ = rt::io::open_source(source);
    } catch (const std::exception& e) {
      throw Error(fmt::format("source: {}", e.what()));
    }
    cli::RunnerOptions ro;
    ro.seed = policy_.seed();
    ro.path = policy_.exec_path();
    ro.region_decode = options_.region_decode;
    const auto& st = policy_.state();
    for (int w = 0; w < options_.workers; ++w)
      runners_.push_back(std::make_unique<cli::SampleRunner>(st.loaded, *st.sampler, *source_, ro));
    per_epoch_ = order_for(0).size();
    // Per pixel field: the batches being filled or waiting, the consumer's current one and the one before it.
    buffers_ = std::make_unique<BufferPool>((options_.prefetch + 2) *
                                            std::max<std::size_t>(1, collation_.pixel_fields.size()));
  }

  ~LoaderImpl() { run_.reset(); }

  std::vector<std::size_t> order_for(std::uint64_t epoch) const {
    rt::exec::OrderOptions o;
    o.seed = policy_.seed();
    o.epoch = epoch;
    o.shuffle = options_.shuffle;
    o.rank = rank_;
    o.world_size = world_size_;
    o.drop_last = options_.drop_last;
    return rt::exec::epoch_order(source_->size(), o);
  }

  void start() {
    run_.reset();  // joins the previous epoch's workers before the runners are reused
    EpochRun::Config c;
    for (auto& r : runners_) c.runners.push_back(r.get());
    c.order = order_for(epoch_);
    c.epoch = epoch_;
    c.batch_size = options_.batch_size;
    c.prefetch = options_.prefetch;
    // Room for the batch being filled and for every worker to run ahead a little; memory stays within a few
    // batches whatever the data set's size.
    c.slots = std::max(options_.batch_size, 2 * runners_.size());
    c.drop_last = options_.drop_last;
    c.collation = &collation_;
    c.mixer = mixer_->empty() ? nullptr : mixer_.get();
    c.stats = &stats_;
    c.buffers = buffers_.get();
    run_ = std::make_unique<EpochRun>(std::move(c));
  }

  bool next(Batch& out) {
    if (!run_) start();
    return run_->next(out);
  }

  void set_epoch(std::uint64_t e) { epoch_ = e; }
  [[nodiscard]] std::uint64_t epoch() const { return epoch_; }
  [[nodiscard]] std::size_t size() const {
    const std::size_t b = options_.batch_size;
    return options_.drop_last ? per_epoch_ / b : (per_epoch_ + b - 1) / b;
  }
  [[nodiscard]] std::size_t samples_per_epoch() const { return per_epoch_; }
  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int world_size() const { return world_size_; }
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& output_types() const { return output_types_; }

  [[nodiscard]] nlohmann::ordered_json metrics() const {
    // rt::metrics' snapshot (what `auger run --metrics` writes), with the loader's own figures added. Its
    // samples_per_s counts from construction; here it is over the time spent iterating, which is what a training
    // loop sees (a loader idles between epochs).
    nlohmann::ordered_json m = stats_.run.to_json();
    std::lock_guard lock(stats_.mu);
    const LoaderStats& s = stats_;
    double active = s.active_s;
    if (s.running) active += std::chrono::duration<double>(std::chrono::steady_clock::now() - s.run_start).count();
    const auto samples = m["samples"].get<std::uint64_t>();
    m["samples_per_s"] = active > 0 ? static_cast<double>(samples) / active : 0.0;
    m["active_s"] = active;
    m["batches"] = s.batches;
    m["dropped"] = s.dropped;
    m["error_samples"] = s.error_list;
    m["queue_depth_mean"] = s.batches ? s.depth_sum / static_cast<double>(s.batches) : 0.0;
    m["queue_capacity"] = options_.prefetch;
    m["wait_fraction"] = active > 0 ? std::min(1.0, m["consumer_wait_s"].get<double>() / active) : 0.0;
    m["epoch"] = epoch_;
    m["rank"] = rank_;
    m["world_size"] = world_size_;
    m["workers"] = options_.workers;
    m["batch_size"] = options_.batch_size;
    return m;
  }

 private:
  Policy policy_;
  LoaderOptions options_;
  int rank_ = 0, world_size_ = 1;
  Collation collation_;
  std::vector<std::pair<std::string, std::string>> output_types_;
  std::unique_ptr<BatchMixer> mixer_;  // refers to nothing outside itself: its sampler walks its own copy
  std::unique_ptr<rt::io::Source> source_;
  std::vector<std::unique_ptr<cli::SampleRunner>> runners_;
  std::size_t per_epoch_ = 0;
  std::uint64_t epoch_ = 0;
  LoaderStats stats_;
  std::unique_ptr<BufferPool> buffers_;
  std::unique_ptr<EpochRun> run_;  // last: its workers use everything above, so it goes first
};

}  // namespace detail

Loader::Loader(const Policy& policy, const std::string& source, LoaderOptions options)
    : impl_(std::make_unique<detail::LoaderImpl>(policy, source, std::move(options))) {}
Loader::~Loader() = default;
void Loader::set_epoch(std::uint64_t epoch) {
  impl_->set_epoch(epoch);
}
std::uint64_t Loader::epoch() const {
  return impl_->epoch();
}
std::size_t Loader::size() const {
  return impl_->size();
}
std::size_t Loader::samples_per_epoch() const {
  return impl_->samples_per_epoch();
}
int Loader::rank() const {
  return impl_->rank();
}
int Loader::world_size() const {
  return impl_->world_size();
}
std::vector<std::pair<std::string, std::string>> Loader::output_types() const {
  return impl_->output_types();
}
void Loader::start() {
  impl_->start();
}
bool Loader::next(Batch& out) {
  return impl_->next(out);
}
nlohmann::ordered_json Loader::metrics() const {
  return impl_->metrics();
}

}  // namespace auger
