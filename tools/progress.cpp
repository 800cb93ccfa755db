#include "tools/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "runtime/fused/kernel_cache.h"

namespace auger::cli {

namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::string what, std::size_t total, bool quiet)
    : what_(std::move(what)),
      total_(total),
      quiet_(quiet),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      compiled_at_start_(rt::fused::kernel_compilations()),
      compile_seconds_at_start_(rt::fused::kernel_compile_seconds()) {}

std::string Progress::line(std::size_t done, std::size_t errors, double elapsed) const {
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double pct = total_ ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100.0;
  const std::string eta = rate > 0 && done < total_ ? clock_text(static_cast<double>(total_ - done) / rate) : "-";
  const std::string errs = errors ? fmt::format(", {} error{}", errors, errors == 1 ? "" : "s") : "";
  // A kernel compiled while samples wait slows the rate: say so rather than leave the user guessing.
  const auto compiled = rt::fused::kernel_compilations() - compiled_at_start_;
  const std::string comp = compiled
                               ? fmt::format(", {} kernel{} compiled ({:.1f} s)", compiled, compiled == 1 ? "" : "s",
                                             rt::fused::kernel_compile_seconds() - compile_seconds_at_start_)
                               : "";
  return fmt::format("{} {}/{} ({:.0f}%) {:.1f} samples/s, elapsed {}, ETA {}{}{}", what_, done, total_, pct, rate,
                     clock_text(elapsed), eta, errs, comp);
}

void Progress::update(std::size_t done, std::size_t errors) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (since_last < (tty_ ? 0.1 : 5.0)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (tty_) {
    constexpr int kWidth = 24;
    const int fill = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    std::cerr << "\r\x1b[K[" << std::string(static_cast<std::size_t>(fill), '=')
              << std::string(static_cast<std::size_t>(kWidth - fill), ' ') << "] " << line(done, errors, elapsed)
              << std::flush;
  } else {
    std::cerr << line(done, errors, elapsed) << "\n";
  }
}

void Progress::clear_line() const {
  if (tty_ && !quiet_) std::cerr << "\r\x1b[K";
}

void Progress::finish(std::size_t done, std::size_t errors) {
  if (quiet_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (tty_) std::cerr << "\r\x1b[K";
  std::cerr << line(done, errors, elapsed) << "\n";
}

}  // namespace auger::cli
