#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <optional>

#include "api/auger.h"
#include "api/epoch_run.h"
#include "api/gpu_batch.h"
#include "api/policy_state.h"
#include "runtime/exec/order.h"
#include "runtime/exec/world.h"
#include "runtime/io/source.h"
#include "runtime/text/translator.h"

namespace auger {

namespace detail {

namespace {

// The bytes one sample of a pixel field takes when its type fixes the shape ("image(rgb, f32)[3,224,224]"); nullopt
// when the size is only known from the data ("image(rgb)[3,h,w]").
std::optional<std::size_t> static_pixel_bytes(const ir::FieldType& type) {
  const auto open = type.text.rfind('['), close = type.text.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
  std::size_t bytes = type.element == "f32" ? sizeof(float) : type.element == "u8" ? 1 : 0;
  if (bytes == 0) return std::nullopt;
  const char* p = type.text.data() + open + 1;
  const char* end = type.text.data() + close;
  int dims = 0;
  while (p < end) {
    std::size_t d = 0;
    const auto [next, ec] = std::from_chars(p, end, d);
    if (ec != std::errc() || d == 0) return std::nullopt;
    bytes *= d;
    ++dims;
    p = next;
    if (p < end && *p != ',') return std::nullopt;
    if (p < end) ++p;
  }
  return dims > 0 ? std::optional(bytes) : std::nullopt;
}

}  // namespace

// What one pass over an epoch needs for itself: a SampleRunner per worker (each keeps its buffers between samples)
// and the batch buffers it reuses. A loader keeps the idle ones, so iterating epoch after epoch builds one.
struct Crew {
  std::vector<std::unique_ptr<engine::SampleRunner>> runners;
  std::unique_ptr<BufferPool> buffers;
};

// One iteration: an EpochRun on a crew of its own, which goes back to the loader when the iteration ends.
class LoaderRun {
 public:
  LoaderRun(LoaderImpl& owner, std::unique_ptr<Crew> crew, std::uint64_t epoch);
  ~LoaderRun();
  LoaderRun(const LoaderRun&) = delete;
  LoaderRun& operator=(const LoaderRun&) = delete;
  bool next(Batch& out) { return run_->next(out); }
  [[nodiscard]] std::uint64_t epoch() const { return epoch_; }

 private:
  LoaderImpl& owner_;
  std::unique_ptr<Crew> crew_;
  std::uint64_t epoch_;
  std::unique_ptr<EpochRun> run_;  // uses the crew: destroyed (its workers joined) before the crew goes back
};

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
    // A world size without a rank (and no launcher to tell it) would make every process rank 0: the same shard.
    if (options_.world_size && *options_.world_size > 1 && !options_.rank && env.from == "default")
      throw Error(
          fmt::format("world_size {} without rank: pass rank= too, or start the processes with a launcher "
                      "(torchrun, srun, mpirun) that tells each its rank",
                      *options_.world_size));
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
      } else if (type.kind == "audio" || type.kind == "spectrogram") {
        collation_.audio_fields.push_back(name);
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

    if (options_.translator)
      if (auto why = rt::text::translator_spec_error(*options_.translator); !why.empty()) throw Error(why);
    try {
      source_ = rt::io::open_source(source);
    } catch (const std::exception& e) {
      throw Error(fmt::format("source: {}", e.what()));
    }
    per_epoch_ = order_for(0).size();
    refuse_absurd_batch(fn);
    if (options_.device == "cuda")
      start_gpu();
    else if (options_.device != "cpu")
      throw Error(fmt::format("device must be \"cpu\" or \"cuda\", not \"{}\"", options_.device));
    idle_crews_.push_back(make_crew());  // built now, as before iterators could overlap: the first epoch uses it
  }

  ~LoaderImpl() { current_.reset(); }

  // A batch whose pixels cannot fit in memory is refused here, before a worker starts, when the policy's output
  // types fix every pixel field's shape; otherwise the first batch's real shapes are checked (EpochRun).
  void refuse_absurd_batch(const ir::Function& fn) const {
    std::size_t sample_bytes = 0;
    for (const auto& [name, type] : fn.outputs) {
      if (type.kind != "image" && type.kind != "mask") continue;
      const auto bytes = static_pixel_bytes(type);
      if (!bytes) return;
      sample_bytes += *bytes;
    }
    const std::size_t rows = std::min(options_.batch_size, per_epoch_);
    const std::size_t prefetch = std::min(options_.prefetch, std::max<std::size_t>(1, size()));  // batches there are
    if (auto why = batch_memory_problem(options_.batch_size, rows, sample_bytes, prefetch, available_memory());
        !why.empty())
      throw Error(why);
  }

  // The GPU path when the policy is the kernels' (else device_note_ says why not, and the batches come from the CPU
  // path); the image field's ops then stop at planning on the workers.
  void start_gpu() {
    if (!options_.gpu_emulate)
      if (const auto& why = cuda_unavailable_reason(); !why.empty()) throw Error(why);
    device_note_ =
        !mixer_->empty() ? "the policy's `batch { }` block mixes on the CPU path" : gpu_loader_refusal(policy_);
    if (!device_note_.empty()) return;
    const auto& outputs = policy_.state().loaded.fn.outputs;
    const auto image =
        std::find_if(outputs.begin(), outputs.end(), [](const auto& f) { return f.second.kind == "image"; });
    if (image == outputs.end()) {
      device_note_ = "the policy has no image field";
      return;
    }
    gpu_ = std::make_unique<GpuStage>(image->first,
                                      options_.gpu_emulate ? rt::gpu::GpuMode::HostEmulation : rt::gpu::GpuMode::Cuda);
  }

  std::unique_ptr<Crew> make_crew() {
    auto crew = std::make_unique<Crew>();
    engine::RunnerOptions ro;
    ro.seed = policy_.seed();
    ro.path = policy_.exec_path();
    ro.region_decode = options_.region_decode;
    ro.translator = options_.translator.value_or(policy_.translator());
    ro.leave_audio_level = true;  // collate_audio copies with them
    if (gpu_) ro.gpu_field = gpu_->field;
    const auto& st = policy_.state();
    for (int w = 0; w < options_.workers; ++w)
      crew->runners.push_back(std::make_unique<engine::SampleRunner>(st.loaded, *st.sampler, *source_, ro));
    // Per pixel field: the batches being filled or waiting, the consumer's current one and the one before it.
    crew->buffers = std::make_unique<BufferPool>((options_.prefetch + 2) *
                                                 std::max<std::size_t>(1, collation_.pixel_fields.size()));
    return crew;
  }

  std::unique_ptr<Crew> take_crew() {
    {
      std::lock_guard lock(crews_mu_);
      if (!idle_crews_.empty()) {
        auto crew = std::move(idle_crews_.back());
        idle_crews_.pop_back();
        return crew;
      }
    }
    return make_crew();  // another iteration is running: this one gets runners and buffers of its own
  }

  void give_back(std::unique_ptr<Crew> crew) {
    std::lock_guard lock(crews_mu_);
    idle_crews_.push_back(std::move(crew));
  }

  // The run of one iteration over the current epoch, on `crew`.
  std::unique_ptr<EpochRun> make_run(Crew& crew, std::uint64_t epoch) {
    EpochRun::Config c;
    for (auto& r : crew.runners) c.runners.push_back(r.get());
    c.order = order_for(epoch);
    c.epoch = epoch;
    c.batch_size = options_.batch_size;
    c.prefetch = options_.prefetch;
    // Room for the batch being filled and for every worker to run ahead a little; memory stays within a few
    // batches whatever the data set's size, and within the epoch whatever the batch size.
    c.slots =
        std::max<std::size_t>(1, std::min(std::max(options_.batch_size, 2 * crew.runners.size()), c.order.size()));
    c.drop_last = options_.drop_last;
    c.collation = &collation_;
    c.mixer = mixer_->empty() ? nullptr : mixer_.get();
    c.stats = &stats_;
    c.buffers = crew.buffers.get();
    c.available_memory = available_memory();
    c.translates = engine::uses_translation(policy_.state().loaded.fn);
    c.gpu = gpu_.get();
    return std::make_unique<EpochRun>(std::move(c));
  }

  std::unique_ptr<LoaderIterator> iterate() {
    return std::make_unique<LoaderIterator>(std::make_unique<LoaderRun>(*this, take_crew(), epoch_));
  }

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
    current_.reset();  // joins the previous epoch's workers, so the new run reuses their crew
    current_ = iterate();
  }

  bool next(Batch& out) {
    if (!current_) start();
    return current_->next(out);
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
  [[nodiscard]] const std::string& device_note() const { return device_note_; }
  [[nodiscard]] bool on_gpu() const { return gpu_ != nullptr; }

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
    if (options_.device == "cuda")
      m["gpu"] = {{"on_gpu", gpu_ != nullptr},
                  {"note", device_note_},
                  {"kernel_samples", s.gpu_samples},
                  {"cpu_samples", s.gpu_cpu_samples}};
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
  std::string device_note_;        // device "cuda": why the batches do not take the GPU path ("" when they do)
  std::unique_ptr<GpuStage> gpu_;  // the GPU path's kernels; null on the CPU path
  std::size_t per_epoch_ = 0;
  std::uint64_t epoch_ = 0;
  LoaderStats stats_;
  std::mutex crews_mu_;
  std::vector<std::unique_ptr<Crew>> idle_crews_;
  std::unique_ptr<LoaderIterator> current_;  // start()/next()'s; last: its workers use everything above
};

LoaderRun::LoaderRun(LoaderImpl& owner, std::unique_ptr<Crew> crew, std::uint64_t epoch)
    : owner_(owner), crew_(std::move(crew)), epoch_(epoch) {
  try {
    run_ = owner_.make_run(*crew_, epoch_);
  } catch (...) {
    owner_.give_back(std::move(crew_));
    throw;
  }
}

LoaderRun::~LoaderRun() {
  run_.reset();
  owner_.give_back(std::move(crew_));
}

}  // namespace detail

LoaderIterator::LoaderIterator(std::unique_ptr<detail::LoaderRun> run) : run_(std::move(run)) {}
LoaderIterator::~LoaderIterator() = default;
bool LoaderIterator::next(Batch& out) {
  return run_->next(out);
}
std::uint64_t LoaderIterator::epoch() const {
  return run_->epoch();
}

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
const std::string& Loader::device_note() const {
  return impl_->device_note();
}
bool Loader::on_gpu() const {
  return impl_->on_gpu();
}
void Loader::start() {
  impl_->start();
}
std::unique_ptr<LoaderIterator> Loader::iterate() {
  return impl_->iterate();
}
bool Loader::next(Batch& out) {
  return impl_->next(out);
}
nlohmann::ordered_json Loader::metrics() const {
  return impl_->metrics();
}

}  // namespace auger
