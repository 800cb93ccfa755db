// Progress of a long run on stderr: a bar with the rate and ETA redrawn in place on a terminal, plain lines every
// few seconds otherwise (CI logs, pipes).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace auger::cli {

class Progress {
 public:
  Progress(std::string what, std::size_t total, bool quiet);
  // `done` items of `total` so far, `errors` of them failed.
  void update(std::size_t done, std::size_t errors);
  // The final line (always printed unless quiet).
  void finish(std::size_t done, std::size_t errors);
  // Before a message of its own line: on a terminal the bar drawn in place is erased (the next update redraws
  // it); elsewhere nothing is needed.
  void clear_line() const;

 private:
  std::string line(std::size_t done, std::size_t errors, double elapsed) const;

  std::string what_;
  std::size_t total_;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_, last_;
  std::uint64_t compiled_at_start_;
  double compile_seconds_at_start_;
};

}  // namespace auger::cli
