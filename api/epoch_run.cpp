#include "api/epoch_run.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace auger::detail {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Batch storage is handed to numpy and torch as it is: aligned for any vector load they may use.
std::shared_ptr<void> allocate(std::size_t bytes) {
  constexpr std::size_t kAlign = 64;
  const std::size_t n = std::max<std::size_t>(kAlign, (bytes + kAlign - 1) / kAlign * kAlign);
  void* p = std::aligned_alloc(kAlign, n);
  if (!p) throw std::bad_alloc();
  return {p, [](void* q) { std::free(q); }};
}

std::string shape_text(const rt::Shape& s) {
  return fmt::format("[{}, {}, {}] {}", s.c, s.h, s.w, s.elem == rt::Elem::U8 ? "u8" : "f32");
}

const void* pixels(const rt::Image& img) {
  return img.is_u8() ? static_cast<const void*>(img.u8.data()) : static_cast<const void*>(img.f32.data());
}

}  // namespace

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

EpochRun::EpochRun(Config config) : c_(std::move(config)), slots_(c_.slots) {
  if (c_.runners.empty() || c_.batch_size < 1 || c_.prefetch < 1 || slots_.empty() || !c_.buffers)
    throw std::invalid_argument("an epoch run needs a worker, a batch size, a prefetch depth and a slot");
  {
    std::lock_guard lock(c_.stats->mu);
    c_.stats->running = true;
    c_.stats->run_start = Clock::now();
  }
  {
    std::lock_guard lock(mu_);
    resolve_locked();  // an empty order is resolved at once
  }
  for (std::size_t w = 0; w < c_.runners.size(); ++w) threads_.emplace_back([this, w] { work(static_cast<int>(w)); });
}

EpochRun::~EpochRun() {
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
  if (c_.stats->running) c_.stats->active_s += since(c_.stats->run_start);
  c_.stats->running = false;
}

// A machine failure (not a bad sample) on a worker: the first one stops the run and reaches the consumer.
void EpochRun::fail_locked(std::exception_ptr e) {
  if (!error_) error_ = std::move(e);
  ready_cv_.notify_all();
  work_cv_.notify_all();
}

void EpochRun::work(int worker) {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stopping_ || error_ || !copies_.empty() || can_take_locked() || resolved_all_; });
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
      if (++slot.batch->copied == slot.batch->assigned) ready_cv_.notify_all();
      work_cv_.notify_all();  // the slot can take a new position
      continue;
    }
    if (can_take_locked()) {
      const std::size_t p = next_take_++;
      Slot& slot = slot_of(p);
      slot.state = SlotState::Working;
      lock.unlock();
      try {
        // Never throws for a bad sample (that is slot.sample.error); only for the machine's own failures.
        c_.runners[static_cast<std::size_t>(worker)]->run(c_.order[p], c_.epoch, slot.sample);
      } catch (...) {
        lock.lock();
        fail_locked(std::current_exception());
        return;
      }
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
    // Everything is resolved and every copy has a worker: nothing will be queued any more.
    if (resolved_all_) return;
  }
}

void EpochRun::start_batch_locked(std::size_t index, const cli::ProcessedSample& first) {
  const std::size_t rows = c_.batch_size;
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
    const rt::Image& img = it->second;
    BatchTensor t;
    t.elem = img.shape.elem;
    t.shape = {static_cast<std::int64_t>(rows), img.c(), img.h(), img.w()};
    t.storage = c_.buffers->acquire(t.bytes());
    b.tensors[field] = std::move(t);
  }
  for (const auto& field : c_.collation->class_fields) b.classes[field].assign(rows, -1);
  for (const auto& field : c_.collation->json_fields) b.fields[field].assign(rows, nullptr);
}

std::string EpochRun::shape_mismatch_locked(const Filling& f, const cli::ProcessedSample& s) const {
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
    if (it->second.shape != want)
      return fmt::format(
          "batch {} of epoch {}: sample `{}` has {} {} but sample `{}` before it has {}; every sample of a batch "
          "needs one shape per field, so the policy should end with a fixed size (resize, center_crop, "
          "random_resized_crop)",
          f.batch.index, c_.epoch, s.key, field, shape_text(it->second.shape), f.first_key, shape_text(want));
  }
  return "";
}

void EpochRun::resolve_locked() {
  const std::size_t rows = c_.batch_size;
  bool changed = false;
  while (next_resolve_ < c_.order.size() && bad_batch_ == SIZE_MAX) {
    Slot& slot = slot_of(next_resolve_);
    if (slot.state != SlotState::Done) break;
    cli::ProcessedSample& s = slot.sample;
    if (!s.error.empty()) {
      c_.stats->run.error();
      {
        std::lock_guard stats_lock(c_.stats->mu);
        if (c_.stats->error_list.size() < LoaderStats::kMaxListedErrors)
          c_.stats->error_list.push_back(
              {{"key", s.key}, {"origin", s.origin}, {"epoch", c_.epoch}, {"error", s.error}});
      }
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
    ready_cv_.notify_all();  // the last batch may be short
  }
  if (changed) work_cv_.notify_all();
}

double EpochRun::copy_row(Slot& slot) {
  const auto t0 = Clock::now();
  cli::ProcessedSample& s = slot.sample;
  Batch& b = slot.batch->batch;
  const std::size_t row = slot.row;
  for (auto& [field, t] : b.tensors) {
    const rt::Image& img = s.images.at(field);
    const std::size_t plane = t.bytes() / static_cast<std::size_t>(t.shape[0]);
    std::memcpy(static_cast<std::byte*>(t.data()) + row * plane, pixels(img), plane);
  }
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
  return since(t0);
}

bool EpochRun::front_ready_locked() const {
  if (filling_.empty()) return false;
  const Filling& f = filling_.front();
  if (f.copied != f.assigned) return false;
  if (f.assigned == c_.batch_size) return true;
  // A short batch is complete only once nothing more can come: it is the last of the epoch.
  return resolved_all_ && filling_.size() == 1 && f.assigned > 0;
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
      return false;
    }
    ready_cv_.wait(lock);
  }
  const double waited = since(t0);
  std::size_t depth = 0;
  for (const auto& f : filling_) depth += f.assigned == c_.batch_size && f.copied == f.assigned ? 1 : 0;

  Filling& f = filling_.front();
  out = std::move(f.batch);
  const std::size_t rows = f.assigned;
  if (rows < c_.batch_size) {
    out.keys.resize(rows);
    out.params.resize(rows);
    for (auto& [field, t] : out.tensors) t.shape[0] = static_cast<std::int64_t>(rows);
    for (auto& [field, column] : out.classes) column.resize(rows);
    for (auto& [field, column] : out.fields) column.resize(rows);
  }
  filling_.pop_front();
  ++delivered_;
  resolve_locked();  // room for one more batch
  lock.unlock();

  LoaderStats& st = *c_.stats;
  for (const auto& params : out.params) {
    st.run.sample_done();
    st.run.coverage().record(params);
  }
  st.run.add_wait(waited);
  st.run.set_queue_depth(depth);
  std::lock_guard stats_lock(st.mu);
  ++st.batches;
  st.depth_sum += static_cast<double>(depth);
  return true;
}

}  // namespace auger::detail
