#include "api/epoch_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "api/audio_batch.h"
#include "engine/sample_io.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/op_record.h"
#include "runtime/random/draw_stream.h"

namespace auger::detail {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// std::bad_alloc that says what could not be had (Python shows it as MemoryError with this message).
class BatchAllocFailed : public std::bad_alloc {
 public:
  explicit BatchAllocFailed(std::size_t bytes)
      : what_(fmt::format("out of memory: a batch buffer of {} bytes could not be allocated", bytes)) {}
  [[nodiscard]] const char* what() const noexcept override { return what_.c_str(); }

 private:
  std::string what_;
};

// Batch storage is handed to numpy and torch as it is: aligned for any vector load they may use.
std::shared_ptr<void> allocate(std::size_t bytes) {
  constexpr std::size_t kAlign = 64;
  const std::size_t n = std::max<std::size_t>(kAlign, (bytes + kAlign - 1) / kAlign * kAlign);
  void* p = std::aligned_alloc(kAlign, n);
  if (!p) throw BatchAllocFailed(n);
  return {p, [](void* q) { std::free(q); }};
}

std::string bytes_text(double bytes) {
  constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t unit = 0;
  while (bytes >= 1024 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{:.0f} bytes", bytes) : fmt::format("{:.1f} {}", bytes, kUnits[unit]);
}

std::string shape_text(const rt::Shape& s) {
  return fmt::format("[{}, {}, {}] {}", s.c, s.h, s.w, s.elem == rt::Elem::U8 ? "u8" : "f32");
}

const void* pixels(const rt::Image& img) {
  return img.is_u8() ? static_cast<const void*>(img.u8.data()) : static_cast<const void*>(img.f32.data());
}

// The batch blocks of a policy body. The checker keeps the one block a policy may have last and at the top level;
// looking inside other nodes only makes a block nested by a later pass still found.
void find_batch_blocks(const std::vector<ir::Node>& nodes, std::vector<ir::Node>& out) {
  for (const auto& n : nodes) {
    if (n.kind == ir::NodeKind::Batch)
      out.push_back(n);
    else
      find_batch_blocks(n.children, out);
  }
}

// The sample key of a batch's draw stream (docs/runtime.md "Batch blocks").
std::string batch_key(const std::vector<std::string>& keys, std::size_t rows) {
  std::string key = "batch:";
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0) key += ',';
    key += keys[i];
  }
  return key;
}

// mixup on rows [0, rows) of a [B, C, H, W] tensor, in place: row i becomes lambda x_i + (1 - lambda) x_(B-1-i).
// Pairs (i, B-1-i) are read before either is written, so no copy of the batch is needed; the arithmetic is the
// reference apply_mixup's (f32 products and sum, u8 rounded half to even and clamped), so the bytes are the same.
template <class T>
void mixup_rows(T* data, std::size_t plane, std::size_t rows, double lambda) {
  if (lambda == 1.0) return;  // as the reference: no arithmetic at all, so even -0.0 and NaN stay as they are
  const float l = static_cast<float>(lambda), lm = static_cast<float>(1.0 - lambda);
  auto put = [](float v) {
    if constexpr (std::is_same_v<T, std::uint8_t>)
      return static_cast<std::uint8_t>(std::clamp(std::nearbyint(v), 0.0f, 255.0f));
    else
      return v;
  };
  for (std::size_t i = 0; i < (rows + 1) / 2; ++i) {
    T* a = data + i * plane;
    T* b = data + (rows - 1 - i) * plane;
    for (std::size_t k = 0; k < plane; ++k) {
      const float x = static_cast<float>(a[k]), y = static_cast<float>(b[k]);
      a[k] = put(x * l + y * lm);
      b[k] = put(y * l + x * lm);
    }
  }
}

// cutmix on rows [0, rows), in place: rows i and B-1-i trade the box [top, top + height) × [left, left + width),
// clamped to the image as the reference apply_cutmix clamps it (a row paired with itself keeps its box).
template <class T>
void cutmix_rows(T* data, const std::array<std::int64_t, 4>& shape, std::size_t rows, const rt::Args& args) {
  const int c = static_cast<int>(shape[1]), h = static_cast<int>(shape[2]), w = static_cast<int>(shape[3]);
  const int y1 = std::clamp(args.integer("top"), 0, h), y2 = std::clamp(y1 + args.integer("height"), 0, h);
  const int x1 = std::clamp(args.integer("left"), 0, w), x2 = std::clamp(x1 + args.integer("width"), 0, w);
  if (y1 >= y2 || x1 >= x2) return;
  const std::size_t plane = static_cast<std::size_t>(c) * h * w;
  for (std::size_t i = 0; i < rows / 2; ++i) {
    T* a = data + i * plane;
    T* b = data + (rows - 1 - i) * plane;
    for (int ch = 0; ch < c; ++ch)
      for (int y = y1; y < y2; ++y) {
        const std::size_t at = (static_cast<std::size_t>(ch) * h + y) * w;
        std::swap_ranges(a + at + x1, a + at + x2, b + at + x1);
      }
  }
}

// Any other batch op: the rows as images through its reference apply() and back (slower: two copies).
void apply_via_images(const rt::BatchOp& op, const rt::Args& args, BatchTensor& t, std::size_t rows) {
  const int c = static_cast<int>(t.shape[1]), h = static_cast<int>(t.shape[2]), w = static_cast<int>(t.shape[3]);
  const std::size_t plane = t.bytes() / static_cast<std::size_t>(t.shape[0]);
  std::vector<rt::Image> images;
  images.reserve(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    rt::Image img = t.elem == rt::Elem::U8 ? rt::Image::make_u8(c, h, w) : rt::Image::make_f32(c, h, w);
    void* dst = img.is_u8() ? static_cast<void*>(img.u8.data()) : static_cast<void*>(img.f32.data());
    std::memcpy(dst, static_cast<const std::byte*>(t.data()) + i * plane, plane);
    images.push_back(std::move(img));
  }
  const rt::Shape shape = images.front().shape;
  op.apply(args, images);
  for (std::size_t i = 0; i < rows; ++i) {
    if (!(images[i].shape == shape))
      throw std::runtime_error(std::string(rt::op_record(op.id).name) + " changed the batch's shape");
    std::memcpy(static_cast<std::byte*>(t.data()) + i * plane, pixels(images[i]), plane);
  }
}

void mix_pixels(const rt::BatchOp& op, const rt::Args& args, BatchTensor& t, std::size_t rows) {
  const std::size_t plane = static_cast<std::size_t>(t.shape[1] * t.shape[2] * t.shape[3]);
  const bool u8 = t.elem == rt::Elem::U8;
  if (op.id == rt::OpId::Mixup) {
    const double lambda = args.number("lambda", 1.0);
    if (u8)
      mixup_rows(static_cast<std::uint8_t*>(t.data()), plane, rows, lambda);
    else
      mixup_rows(static_cast<float*>(t.data()), plane, rows, lambda);
  } else if (op.id == rt::OpId::Cutmix) {
    if (u8)
      cutmix_rows(static_cast<std::uint8_t*>(t.data()), t.shape, rows, args);
    else
      cutmix_rows(static_cast<float*>(t.data()), t.shape, rows, args);
  } else {
    apply_via_images(op, args, t, rows);
  }
}

// y_i = lambda y_i + (1 - lambda) y_(B-1-i) on rows [0, rows), in double, stored as float.
void mix_soft(SoftLabels& s, std::size_t rows, double lambda) {
  const auto n = static_cast<std::size_t>(s.classes);
  for (std::size_t i = 0; i < (rows + 1) / 2; ++i) {
    float* a = s.values.data() + i * n;
    float* b = s.values.data() + (rows - 1 - i) * n;
    for (std::size_t k = 0; k < n; ++k) {
      const double x = a[k], y = b[k];
      a[k] = static_cast<float>(lambda * x + (1.0 - lambda) * y);
      b[k] = static_cast<float>(lambda * y + (1.0 - lambda) * x);
    }
  }
}

}  // namespace

std::string soft_row(const nlohmann::ordered_json& value, std::int64_t classes, float* row) {
  std::fill(row, row + classes, 0.0f);
  if (value.is_null()) return "";
  if (value.is_number_integer()) {
    const auto c = value.get<std::int64_t>();
    if (c < 0 || c >= classes) return fmt::format("class {} is outside 0..{}", c, classes - 1);
    row[c] = 1.0f;
    return "";
  }
  if (value.is_array()) {
    if (static_cast<std::int64_t>(value.size()) != classes)
      return fmt::format("a soft label of {} values where the field has {} classes", value.size(), classes);
    for (std::int64_t k = 0; k < classes; ++k) {
      const auto& v = value[static_cast<std::size_t>(k)];
      if (!v.is_number()) return fmt::format("a soft label holds {}, not a number", v.dump());
      row[k] = v.get<float>();
    }
    return "";
  }
  return fmt::format("{} is neither a class index nor a list of {} probabilities", value.dump(), classes);
}

BatchMixer::BatchMixer(const ir::Function& fn, const std::vector<std::string>& disabled, std::uint64_t seed)
    : seed_(seed) {
  // The sampler walks this function's body with include_batch set: only the block's statements, with their own
  // sites (so their streams are those a whole-policy walk would use) and the policy's parameters.
  block_.policy = fn.policy;
  block_.sample = fn.sample;
  block_.params = fn.params;
  block_.inputs = fn.inputs;
  block_.outputs = fn.outputs;
  find_batch_blocks(fn.body, block_.body);
  sampler_ = std::make_unique<sampling::PolicySampler>(block_, std::set<std::string>(disabled.begin(), disabled.end()));
}

void BatchMixer::mix(Batch& b, std::size_t rows) const {
  if (rows == 0 || empty()) return;
  sampling::SampleContext ctx;
  ctx.seed = seed_;
  ctx.epoch = b.epoch;
  ctx.key = batch_key(b.keys, rows);
  ctx.include_batch = true;
  rt::Trace trace = sampler_->sample(ctx);
  for (auto& applied : trace.ops) {
    const rt::BatchOp* op = rt::find_batch_op(applied.op);
    if (!op)
      throw std::runtime_error(
          fmt::format("`{}` (site {}) in the batch block has no runtime implementation", applied.op, applied.site));
    // The tensors it mixes: its pixel targets, every pixel field when it names none. The first one's shape is the
    // one its draws see (cutmix's box), as the first target's is for a per-sample op.
    std::vector<BatchTensor*> targets;
    for (const auto& t : applied.targets)
      if (auto it = b.tensors.find(t); it != b.tensors.end()) targets.push_back(&it->second);
    if (targets.empty())
      for (auto& [name, t] : b.tensors) targets.push_back(&t);
    if (targets.empty())
      throw std::runtime_error(fmt::format("`{}` (site {}) has no image to mix", applied.op, applied.site));
    const BatchTensor& first = *targets.front();
    const rt::Shape shape{static_cast<int>(first.shape[1]), static_cast<int>(first.shape[2]),
                          static_cast<int>(first.shape[3]), first.elem};
    op->resolve(applied.args, shape, static_cast<int>(rows), rng::DrawStream(seed_, b.epoch, ctx.key, applied.site));
    b.batch_params[applied.site] = engine::params_json(applied);
    for (BatchTensor* t : targets) mix_pixels(*op, applied.args, *t, rows);
    // Labels follow the pixels' weights: lambda is the own image's share (cutmix's is corrected to the box).
    const double lambda = applied.args.number("lambda", 1.0);
    for (auto& [name, soft] : b.soft) mix_soft(soft, rows, lambda);
  }
}

std::size_t available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string name;
  std::size_t kib = 0;
  std::string unit;
  while (in >> name >> kib >> unit)
    if (name == "MemAvailable:") return kib > SIZE_MAX / 1024 ? SIZE_MAX : kib * 1024;
  return SIZE_MAX;
}

std::string batch_memory_problem(std::size_t batch_size, std::size_t rows, std::size_t sample_bytes,
                                 std::size_t prefetch, std::size_t available) {
  // In double: batch_size and prefetch come from the user and their product may not fit in 64 bits.
  const double batch = static_cast<double>(rows) * static_cast<double>(sample_bytes);
  const double needed = batch * (static_cast<double>(prefetch) + 1);
  if (available == SIZE_MAX || needed <= static_cast<double>(available)) return "";
  if (prefetch > 1 && 2 * batch <= static_cast<double>(available))  // prefetch 1 would fit: that is what to change
    return fmt::format(
        "prefetch {} is too large for this machine: the loader keeps up to {} batches of {} (batch_size {}), {} "
        "in all, while only {} of memory is available; use a smaller prefetch",
        prefetch, prefetch + 1, bytes_text(batch), batch_size, bytes_text(needed),
        bytes_text(static_cast<double>(available)));
  return fmt::format(
      "batch_size {} is too large for this machine: a batch of {} samples holds {} of pixels ({} per sample), and "
      "the loader keeps up to {} batches (prefetch {} being filled or waiting, and the one in use), {} in all, "
      "while only {} of memory is available; use a smaller batch_size (or prefetch)",
      batch_size, rows, bytes_text(batch), bytes_text(static_cast<double>(sample_bytes)), prefetch + 1, prefetch,
      bytes_text(needed), bytes_text(static_cast<double>(available)));
}

std::size_t BufferPool::idle_bytes() const {
  std::size_t sum = 0;
  for (const auto& [size, buffer] : kept_)
    if (buffer.use_count() == 1) sum += size;
  return sum;
}

std::shared_ptr<void> BufferPool::acquire(std::size_t bytes) {
  for (auto& [size, buffer] : kept_)
    if (size == bytes && buffer.use_count() == 1) return buffer;
  auto buffer = allocate(bytes);
  if (kept_.size() < capacity_) {
    kept_.emplace_back(bytes, buffer);
  } else {
    // Full: replace a kept buffer nobody uses (its size is out of date), else hand this one out unkept.
    for (auto& [size, old] : kept_)
      if (old.use_count() == 1) {
        size = bytes;
        old = buffer;
        break;
      }
  }
  return buffer;
}

EpochRun::EpochRun(Config config)
    : c_(std::move(config)), translation_(c_.order.size(), c_.translates), slots_(c_.slots) {
  if (c_.runners.empty() || c_.batch_size < 1 || c_.prefetch < 1 || slots_.empty() || !c_.buffers)
    throw std::invalid_argument("an epoch run needs a worker, a batch size, a prefetch depth and a slot");
  {
    std::lock_guard lock(c_.stats->mu);
    if (c_.stats->running++ == 0) c_.stats->run_start = Clock::now();
  }
  try {
    {
      std::lock_guard lock(mu_);
      resolve_locked();  // an empty order is resolved at once
    }
    for (std::size_t w = 0; w < c_.runners.size(); ++w)
      threads_.emplace_back([this, w] { work_guarded(static_cast<int>(w)); });
  } catch (...) {
    // No destructor runs for a constructor that throws: the threads started so far are stopped here (a joinable
    // std::thread destroyed would terminate the process).
    stop();
    throw;
  }
}

EpochRun::~EpochRun() {
  stop();
}

void EpochRun::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    finish_locked();
  }
  work_cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void EpochRun::finish_locked() {
  if (finished_) return;
  finished_ = true;
  std::lock_guard lock(c_.stats->mu);
  // The loader is active while any of its runs is: overlapping runs count their common time once.
  if (c_.stats->running > 0 && --c_.stats->running == 0) c_.stats->active_s += since(c_.stats->run_start);
}

// A machine failure (not a bad sample) on a worker: the first one stops the run and reaches the consumer.
void EpochRun::fail_locked(std::exception_ptr e) {
  if (!error_) error_ = std::move(e);
  ready_cv_.notify_all();
  work_cv_.notify_all();
}

// Anything a worker throws outside the places that expect it (a batch that cannot be allocated while resolving, a
// bookkeeping vector that cannot grow) stops the run and reaches the consumer's next(): an exception escaping a
// thread would terminate the process, and a Python process must never abort.
void EpochRun::work_guarded(int worker) {
  try {
    work(worker);
  } catch (...) {
    std::lock_guard lock(mu_);  // work()'s own lock was released by the unwinding
    fail_locked(std::current_exception());
  }
}

void EpochRun::work(int worker) {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] {
      return stopping_ || error_ || !copies_.empty() || !mixes_.empty() || can_take_locked() || resolved_all_;
    });
    if (stopping_ || error_) return;
    if (!copies_.empty()) {
      Slot& slot = slot_of(copies_.front());
      copies_.pop_front();
      lock.unlock();
      double seconds = 0;
      try {
        seconds = copy_row(slot);
      } catch (...) {
        lock.lock();
        fail_locked(std::current_exception());
        return;
      }
      c_.stats->collate.record(seconds);
      lock.lock();
      slot.state = SlotState::Free;
      ++slot.batch->copied;
      check_complete_locked(*slot.batch);
      work_cv_.notify_all();  // the slot can take a new position
      continue;
    }
    // A complete batch gates its delivery (and every later one's) on its mixing, so it comes before new samples.
    if (!mixes_.empty()) {
      Filling* f = mixes_.front();
      mixes_.pop_front();
      lock.unlock();
      double seconds = 0;
      try {
        seconds = mix(*f);
      } catch (...) {
        lock.lock();
        fail_locked(std::current_exception());
        return;
      }
      if (c_.mixer) c_.stats->mix.record(seconds);
      lock.lock();
      f->ready = true;
      ready_cv_.notify_all();
      continue;
    }
    if (can_take_locked()) {
      const std::size_t p = next_take_++;
      Slot& slot = slot_of(p);
      slot.state = SlotState::Working;
      lock.unlock();
      try {
        // Never throws for a bad sample (that is slot.sample.error); only for the machine's own failures.
        engine::SampleRunner& runner = *c_.runners[static_cast<std::size_t>(worker)];
        translation_.before(p, [&](std::size_t q) {
          engine::ProcessedSample scratch;
          runner.run(c_.order[q], c_.epoch, scratch);
        });
        runner.run(c_.order[p], c_.epoch, slot.sample);
      } catch (...) {
        lock.lock();
        fail_locked(std::current_exception());
        return;
      }
      // A label that mixing cannot turn into probabilities (a class outside soft(N)'s range) makes the sample
      // bad like an unreadable one: skipped and counted, never a stopped run or a silently wrong row.
      if (slot.sample.error.empty()) slot.sample.error = soft_label_problem(slot.sample);
      if (slot.sample.error.empty()) {
        c_.stats->read.record(slot.sample.times.read);
        c_.stats->decode.record(slot.sample.times.decode);
        c_.stats->augment.record(slot.sample.times.augment);
      }
      lock.lock();
      slot.state = SlotState::Done;
      resolve_locked();
      continue;
    }
    // Everything is resolved and every copy and mix has a worker: nothing will be queued any more (the worker that
    // finishes a batch's last copy queues its mix and takes it itself).
    if (resolved_all_) return;
  }
}

void EpochRun::start_batch_locked(std::size_t index, const engine::ProcessedSample& first) {
  // Never more rows than positions are left in the order (a batch_size above the epoch's size is one short batch),
  // and the first batch of a run is checked against the memory there is before anything is allocated.
  const std::size_t rows = std::min(c_.batch_size, c_.order.size() - next_resolve_);
  if (index == 0) {
    std::size_t sample_bytes = 0;
    for (const auto& field : c_.collation->pixel_fields)
      if (first.images.count(field)) {
        const rt::Shape shape = pixel_shape(first, field);
        sample_bytes +=
            static_cast<std::size_t>(shape.c) * shape.h * shape.w * (shape.elem == rt::Elem::U8 ? 1 : sizeof(float));
      }
    const std::size_t available =
        c_.available_memory == SIZE_MAX ? SIZE_MAX : c_.available_memory + c_.buffers->idle_bytes();
    // Never more batches in flight than the epoch has.
    const std::size_t batches = (c_.order.size() + c_.batch_size - 1) / c_.batch_size;
    if (auto why = batch_memory_problem(c_.batch_size, rows, sample_bytes, std::min(c_.prefetch, batches), available);
        !why.empty())
      throw Error(why);
  }
  Filling& f = filling_.emplace_back();
  f.first_key = first.key;
  Batch& b = f.batch;
  b.epoch = c_.epoch;
  b.index = index;
  b.keys.resize(rows);
  b.params.resize(rows);
  for (const auto& field : c_.collation->pixel_fields) {
    const auto it = first.images.find(field);
    if (it == first.images.end()) continue;  // reported by shape_mismatch_locked
    const rt::Shape shape = pixel_shape(first, field);
    BatchTensor t;
    t.elem = shape.elem;
    t.shape = {static_cast<std::int64_t>(rows), shape.c, shape.h, shape.w};
    if (c_.gpu && field == c_.gpu->field) {
      f.gpu_rows.resize(rows);  // no host storage: the rows go to the device as a batch
      f.cpu_notes.resize(rows);
    } else {
      t.storage = c_.buffers->acquire(t.bytes());
    }
    b.tensors[field] = std::move(t);
  }
  for (const auto& field : c_.collation->class_fields) b.classes[field].assign(rows, -1);
  for (const auto& field : c_.collation->soft_fields) {
    SoftLabels& soft = b.soft[field.name];
    soft.classes = field.classes;
    soft.values.assign(rows * static_cast<std::size_t>(field.classes), 0.0f);
  }
  for (const auto& field : c_.collation->json_fields) b.fields[field].assign(rows, nullptr);
  for (const auto& field : c_.collation->audio_fields) f.audio[field].resize(rows);
}

std::string EpochRun::shape_mismatch_locked(const Filling& f, const engine::ProcessedSample& s) const {
  for (const auto& field : c_.collation->pixel_fields) {
    const auto it = s.images.find(field);
    if (it == s.images.end())
      return fmt::format("sample `{}` ({}) has no `{}`, which every sample of a batch needs", s.key, s.origin, field);
    const auto t = f.batch.tensors.find(field);
    if (t == f.batch.tensors.end())
      return fmt::format("sample `{}` (the first of batch {}) has no `{}`, which every sample of a batch needs",
                         f.first_key, f.batch.index, field);
    const rt::Shape want{static_cast<int>(t->second.shape[1]), static_cast<int>(t->second.shape[2]),
                         static_cast<int>(t->second.shape[3]), t->second.elem};
    if (const rt::Shape shape = pixel_shape(s, field); shape != want)
      return fmt::format(
          "batch {} of epoch {}: sample `{}` has {} {} but sample `{}` before it has {}; every sample of a batch "
          "needs one shape per field, so the policy should end with a fixed size (resize, center_crop, "
          "random_resized_crop)",
          f.batch.index, c_.epoch, s.key, field, shape_text(shape), f.first_key, shape_text(want));
  }
  return "";
}

void EpochRun::resolve_locked() {
  const std::size_t rows = c_.batch_size;
  bool changed = false;
  while (next_resolve_ < c_.order.size() && bad_batch_ == SIZE_MAX) {
    Slot& slot = slot_of(next_resolve_);
    if (slot.state != SlotState::Done) break;
    engine::ProcessedSample& s = slot.sample;
    if (!s.error.empty()) {
      c_.stats->run.error();
      nlohmann::ordered_json record = {{"key", s.key}, {"origin", s.origin}, {"epoch", c_.epoch}, {"error", s.error}};
      {
        std::lock_guard stats_lock(c_.stats->mu);
        if (c_.stats->error_list.size() < LoaderStats::kMaxListedErrors) c_.stats->error_list.push_back(record);
      }
      if (failed_++ == 0) first_failure_ = record;
      if (skipped_.size() < LoaderStats::kMaxListedErrors) skipped_.push_back(std::move(record));
      slot.state = SlotState::Free;
      ++next_resolve_;
      changed = true;
      continue;
    }
    const std::size_t b = good_ / rows, row = good_ % rows;
    if (b >= delivered_ + c_.prefetch) break;  // the consumer must take a batch first
    if (row == 0) start_batch_locked(b, s);
    Filling& f = filling_.back();
    if (auto why = shape_mismatch_locked(f, s); !why.empty()) {
      bad_batch_ = b;
      bad_batch_error_ = std::make_exception_ptr(Error(why));
      ready_cv_.notify_all();
      return;
    }
    slot.row = row;
    slot.batch = &f;
    slot.state = SlotState::Queued;
    copies_.push_back(next_resolve_);
    ++f.assigned;
    ++good_;
    ++next_resolve_;
    changed = true;
  }
  if (next_resolve_ == c_.order.size() && !resolved_all_) {
    resolved_all_ = true;
    changed = true;
    // The last batch may be short: it is complete now if its rows are copied already.
    if (!filling_.empty()) check_complete_locked(filling_.back());
    ready_cv_.notify_all();
  }
  if (changed) work_cv_.notify_all();
}

double EpochRun::copy_row(Slot& slot) {
  const auto t0 = Clock::now();
  engine::ProcessedSample& s = slot.sample;
  Batch& b = slot.batch->batch;
  const std::size_t row = slot.row;
  for (auto& [field, t] : b.tensors) {
    if (!t.storage) {  // the GPU path's field
      slot.batch->gpu_rows[row] = {std::move(s.images.at(field)), std::move(s.gpu)};
      slot.batch->cpu_notes[row] = s.gpu_refusal;
      continue;
    }
    const rt::Image& img = s.images.at(field);
    const std::size_t plane = t.bytes() / static_cast<std::size_t>(t.shape[0]);
    std::memcpy(static_cast<std::byte*>(t.data()) + row * plane, pixels(img), plane);
  }
  for (auto& [field, column] : slot.batch->audio)
    if (auto it = s.audio.find(field); it != s.audio.end()) column[row] = std::move(it->second);
  b.keys[row] = s.key;
  b.params[row] = std::move(s.params);
  for (auto& [field, column] : b.classes) {
    const auto it = s.fields.find(field);
    if (it != s.fields.end() && it->is_number_integer()) column[row] = it->get<std::int64_t>();
  }
  for (auto& [field, column] : b.fields) {
    const auto it = s.fields.find(field);
    if (it != s.fields.end()) column[row] = *it;
  }
  for (auto& [field, soft] : b.soft) {
    const auto it = s.fields.find(field);
    // Checked by soft_label_problem when the sample finished, so this cannot fail.
    (void)soft_row(it != s.fields.end() ? *it : nlohmann::ordered_json(), soft.classes,
                   soft.values.data() + row * static_cast<std::size_t>(soft.classes));
  }
  return since(t0);
}

std::string EpochRun::soft_label_problem(const engine::ProcessedSample& s) const {
  std::vector<float> row;
  for (const auto& field : c_.collation->soft_fields) {
    const auto it = s.fields.find(field.name);
    if (it == s.fields.end()) continue;
    row.resize(static_cast<std::size_t>(field.classes));
    if (auto why = soft_row(*it, field.classes, row.data()); !why.empty())
      return fmt::format("field `{}`: {}", field.name, why);
  }
  return "";
}

// A batch is complete once every row it will have is copied: batch_size rows, or fewer for the epoch's last batch
// once everything is resolved. It is then mixed by a worker (the policy's batch block), or ready at once.
void EpochRun::check_complete_locked(Filling& f) {
  if (f.complete || f.assigned == 0 || f.copied != f.assigned) return;
  const bool short_batch = f.assigned < c_.batch_size;
  if (short_batch && !(resolved_all_ && &f == &filling_.back())) return;
  f.complete = true;
  // A short batch that drop_last discards is not worth mixing.
  if ((c_.mixer || c_.gpu) && !(short_batch && c_.drop_last)) {
    mixes_.push_back(&f);
    work_cv_.notify_all();
  } else {
    f.ready = true;
    ready_cv_.notify_all();
  }
}

// The batch block's seconds (the GPU stage records its own).
double EpochRun::mix(Filling& f) {
  double seconds = 0;
  if (c_.mixer) {
    const auto t0 = Clock::now();
    c_.mixer->mix(f.batch, f.assigned);
    seconds = since(t0);
  }
  if (c_.gpu) run_on_gpu(f);
  return seconds;
}

// The GPU path's image field: the complete batch through the kernels (one launch each), its rows then on the
// device. Workers take turns with the one executor (one staging buffer).
void EpochRun::run_on_gpu(Filling& f) {
  const auto t0 = Clock::now();
  Batch& b = f.batch;
  const auto it = b.tensors.find(c_.gpu->field);
  if (it == b.tensors.end()) return;
  const BatchTensor& t = it->second;
  f.gpu_rows.resize(f.assigned);
  const rt::Shape shape{static_cast<int>(t.shape[1]), static_cast<int>(t.shape[2]), static_cast<int>(t.shape[3]),
                        t.elem};
  std::size_t on_cpu = 0;
  for (std::size_t row = 0; row < f.assigned; ++row)
    if (!f.gpu_rows[row].plan) {
      if (b.device_note.empty())
        b.device_note = fmt::format("sample `{}` ran on the CPU path: {}", b.keys[row], f.cpu_notes[row]);
      ++on_cpu;
    }
  {
    std::lock_guard lock(c_.gpu->mu);
    b.device[c_.gpu->field] = rt::gpu::run_rows(c_.gpu->executor, f.gpu_rows, shape);
  }
  b.tensors.erase(it);
  f.gpu_rows.clear();
  f.gpu_rows.shrink_to_fit();  // the decoded images: freed now, not when the consumer takes the batch
  c_.stats->gpu.record(since(t0));
  f.gpu_kernel_rows = f.assigned - on_cpu;
  f.gpu_cpu_rows = on_cpu;
}

rt::Shape EpochRun::pixel_shape(const engine::ProcessedSample& s, const std::string& field) const {
  if (c_.gpu && s.gpu && field == c_.gpu->field) return s.gpu->out_shape();
  return s.images.at(field).shape;
}

bool EpochRun::front_ready_locked() const {
  return !filling_.empty() && filling_.front().ready;
}

bool EpochRun::next(Batch& out) {
  std::unique_lock lock(mu_);
  const auto t0 = Clock::now();
  for (;;) {
    if (error_) {
      finish_locked();
      std::rethrow_exception(error_);
    }
    if (bad_batch_ == delivered_) {
      finish_locked();
      std::rethrow_exception(bad_batch_error_);
    }
    if (front_ready_locked()) {
      const Filling& f = filling_.front();
      if (f.assigned == c_.batch_size || !c_.drop_last) break;
      {
        std::lock_guard stats_lock(c_.stats->mu);
        c_.stats->dropped += f.assigned;
      }
      filling_.pop_front();
      ++delivered_;
      continue;
    }
    if (finished_ || (resolved_all_ && filling_.empty())) {
      finish_locked();
      if (good_ == 0 && failed_ > 0)
        throw Error(fmt::format("no sample of epoch {} could be used: all {} failed (the first: `{}` ({}): {})",
                                c_.epoch, failed_, first_failure_["key"].get<std::string>(),
                                first_failure_["origin"].get<std::string>(),
                                first_failure_["error"].get<std::string>()));
      return false;
    }
    ready_cv_.wait(lock);
  }
  const double waited = since(t0);
  std::size_t depth = 0;
  for (const auto& f : filling_) depth += f.assigned == c_.batch_size && f.ready ? 1 : 0;

  Filling& f = filling_.front();
  out = std::move(f.batch);
  out.skipped = std::move(skipped_);
  skipped_.clear();
  auto audio = std::move(f.audio);
  const std::size_t rows = f.assigned;
  const std::size_t gpu_kernel_rows = f.gpu_kernel_rows, gpu_cpu_rows = f.gpu_cpu_rows;
  if (rows < c_.batch_size) {
    out.keys.resize(rows);
    out.params.resize(rows);
    for (auto& [field, t] : out.tensors) t.shape[0] = static_cast<std::int64_t>(rows);
    for (auto& [field, column] : out.classes) column.resize(rows);
    for (auto& [field, column] : out.fields) column.resize(rows);
    for (auto& [field, soft] : out.soft) soft.values.resize(rows * static_cast<std::size_t>(soft.classes));
    for (auto& [field, column] : audio) column.resize(rows);
  }
  filling_.pop_front();
  ++delivered_;
  try {
    resolve_locked();  // room for one more batch
  } catch (...) {
    fail_locked(std::current_exception());  // this batch is delivered; the next call rethrows
  }
  lock.unlock();
  for (auto& [field, column] : audio) collate_audio(field, column, out);

  LoaderStats& st = *c_.stats;
  for (const auto& params : out.params) {
    st.run.sample_done();
    st.run.coverage().record(params);
  }
  // The batch block's sites count batches: it draws once per batch.
  if (!out.batch_params.empty()) st.run.coverage().record(out.batch_params);
  st.run.add_wait(waited);
  st.run.set_queue_depth(depth);
  std::lock_guard stats_lock(st.mu);
  ++st.batches;
  st.depth_sum += static_cast<double>(depth);
  st.gpu_samples += gpu_kernel_rows;
  st.gpu_cpu_samples += gpu_cpu_rows;
  return true;
}

}  // namespace auger::detail
