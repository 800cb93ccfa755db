// Child processes of a search: an evaluation command run to its end under a time limit, and a long-lived helper
// (the Optuna driver) spoken to in lines over its stdin and stdout.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace auger::engine::search {

using EnvVars = std::vector<std::pair<std::string, std::string>>;  // added to (or replacing) this process's

struct CommandResult {
  std::string spawn_error;  // non-empty: it never started
  int exit_status = -1;     // when it exited
  int signal = 0;           // when a signal ended it
  bool timed_out = false;   // killed after the time limit
  std::string out, err;     // stdout's last 64 KiB, stderr's last 4 KiB
  double seconds = 0;
};

// Runs `/bin/sh -c command` in a process group of its own; after `timeout_s` seconds (0: none) the whole group is
// killed. The command is over when the shell exits: what is left of its group is killed then, and output that a
// descendant writes later is not waited for. stdin is /dev/null.
CommandResult run_shell(const std::string& command, const EnvVars& env, double timeout_s);

// Kills the process group of the command run_shell is waiting for, if any (async-signal-safe: for a SIGINT
// handler, so that an interrupted search leaves no trial running).
void kill_running_command();

class LineChild {
 public:
  LineChild() = default;
  LineChild(const LineChild&) = delete;
  LineChild& operator=(const LineChild&) = delete;
  ~LineChild();  // closes its stdin and waits for it

  // Starts argv[0] (searched on PATH) with its stderr shared with ours. Empty string or why not.
  std::string start(const std::vector<std::string>& argv);
  bool write_line(const std::string& line);
  bool read_line(std::string& line);  // false at end of output
  // Closes its stdin, waits; the exit status (or 128 + signal).
  int finish();

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
  std::string buffer_;
};

}  // namespace auger::engine::search
