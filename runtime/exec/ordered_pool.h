// A parallel map with ordered, bounded delivery: worker threads compute item p for p = first, first+1, … and the
// consumer receives them in that order. At most `window` items are in flight or waiting (backpressure: a worker
// does not start item p until the consumer has taken p - window), so memory is bounded by the window, never by the
// number of items. Results do not depend on the worker count: item p is a function of p alone.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace auger::rt::exec {

template <class T>
class OrderedPool {
 public:
  // `work(p, worker, out)` fills `out` for item p on thread `worker` (0..workers-1); `out` is a reused slot.
  using Work = std::function<void(std::size_t p, int worker, T& out)>;

  OrderedPool(int workers, std::size_t window, std::size_t first, std::size_t end, Work work)
      : work_(std::move(work)), slots_(window), ready_(window, false), next_take_(first), next_out_(first), end_(end) {
    if (workers < 1 || window < 1) throw std::invalid_argument("an ordered pool needs a worker and a slot");
    for (int w = 0; w < workers; ++w) threads_.emplace_back([this, w] { loop(w); });
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;
  ~OrderedPool() { stop(); }

  // Swaps the next item in order into `out` (whose old contents go back to the slot, so buffers are reused);
  // false after the last. Rethrows a worker's exception.
  bool next(T& out) {
    std::unique_lock lock(mu_);
    if (next_out_ >= end_) return false;
    const auto start = std::chrono::steady_clock::now();
    const std::size_t s = next_out_ % slots_.size();
    done_cv_.wait(lock, [&] { return ready_[s] || error_; });
    waited_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (error_) std::rethrow_exception(error_);
    using std::swap;
    swap(out, slots_[s]);
    ready_[s] = false;
    ++next_out_;
    free_cv_.notify_all();
    return true;
  }

  // Stops the workers (items in flight finish first) and joins them.
  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    free_cv_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

  // Items finished and not yet taken (the queue depth), and the consumer's total wait in next(), in seconds.
  [[nodiscard]] std::size_t ready_count() const {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (bool r : ready_) n += r ? 1 : 0;
    return n;
  }
  [[nodiscard]] double waited_seconds() const {
    std::lock_guard lock(mu_);
    return waited_;
  }

 private:
  void loop(int worker) {
    for (;;) {
      std::size_t p = 0;
      {
        std::unique_lock lock(mu_);
        free_cv_.wait(lock, [&] { return stopping_ || next_take_ >= end_ || next_take_ < next_out_ + slots_.size(); });
        if (stopping_ || next_take_ >= end_) return;
        p = next_take_++;
      }
      // The slot is this worker's alone until it marks it ready: the consumer reads it only then, and no other
      // worker gets p + window before the consumer has taken p.
      T& slot = slots_[p % slots_.size()];
      try {
        work_(p, worker, slot);
      } catch (...) {
        std::lock_guard lock(mu_);
        if (!error_) error_ = std::current_exception();
        done_cv_.notify_all();
        return;
      }
      {
        std::lock_guard lock(mu_);
        ready_[p % slots_.size()] = true;
      }
      done_cv_.notify_all();
    }
  }

  Work work_;
  std::vector<T> slots_;
  std::vector<bool> ready_;
  std::size_t next_take_, next_out_, end_;
  bool stopping_ = false;
  std::exception_ptr error_;
  double waited_ = 0;
  mutable std::mutex mu_;
  std::condition_variable done_cv_, free_cv_;
  std::vector<std::thread> threads_;
};

}  // namespace auger::rt::exec
