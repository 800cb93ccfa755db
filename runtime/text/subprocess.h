// A child process with pipes to its stdin and stdout and deadlines on every exchange, for the translators of
// back_translate: a translator that hangs or dies is one sample's error, never a hang of the run.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace auger::rt::text {

// The child closed its end of a pipe (it exited, crashed or was never found): its exit status says why.
struct ChildGone : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A deadline passed; what() says while doing what ("waiting for the answer"), the caller names the command and
// the limit.
struct TimedOut : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Subprocess {
 public:
  using Deadline = std::chrono::steady_clock::time_point;
  // Starts argv[0] (looked up on PATH) with stderr inherited. Throws std::runtime_error when it cannot start.
  explicit Subprocess(const std::vector<std::string>& argv);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Each throws TimedOut on a deadline passed, std::runtime_error on a closed pipe or a dead child.
  void write(const std::string& data, Deadline deadline);
  std::string read_line(Deadline deadline);  // without its '\n'
  std::string read_all(Deadline deadline);   // until the child closes its stdout
  void close_stdin();
  // 0 after a normal exit, else the status; kills the child (and its process group) when it is still running at
  // `deadline`.
  int wait(Deadline deadline);

 private:
  void kill_now();
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
  std::string buffered_;
};

}  // namespace auger::rt::text
