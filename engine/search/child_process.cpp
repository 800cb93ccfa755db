#include "engine/search/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <map>

extern char** environ;

namespace auger::engine::search {

namespace {

constexpr std::size_t kErrTail = 4096;
constexpr std::size_t kOutTail = 65536;
std::atomic<pid_t> g_running_group{0};

// This process's environment with `env` added or replacing.
std::vector<std::string> environment(const EnvVars& env) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    const std::string kv = *e;
    const auto eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct Pipe {
  int fd[2] = {-1, -1};
  bool open() { return pipe2(fd, O_CLOEXEC) == 0; }
  void close_both() {
    for (int& f : fd)
      if (f >= 0) close(std::exchange(f, -1));
  }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Keeps the last `limit` bytes of a stream: a trial's score is its last number and a failure's reason its last
// line, so a command that prints gigabytes costs this process a few KiB. A word cut at the front is dropped.
void append_tail(std::string& into, const char* data, std::size_t n, std::size_t limit) {
  into.append(data, n);
  if (into.size() <= 2 * limit) return;
  into.erase(0, into.size() - limit);
  const auto space = into.find_first_of(" \t\r\n");
  into.erase(0, space == std::string::npos ? into.size() : space);
}

// Reads what is in the pipe now; false at its end.
bool read_some(pollfd& p, CommandResult& r, bool is_out) {
  char buf[65536];
  const ssize_t got = read(p.fd, buf, sizeof buf);
  if (got < 0 && errno == EINTR) return true;
  if (got <= 0) return false;
  append_tail(is_out ? r.out : r.err, buf, static_cast<std::size_t>(got), is_out ? kOutTail : kErrTail);
  return true;
}

// Reads stdout and stderr until the shell exits (its pidfd becomes readable) or the deadline passes (then the
// group is killed); then what the pipes hold. A descendant that keeps a pipe open (`sleep 60 &`, `setsid …`) does
// not hold the trial up: what it writes after the shell has exited is not read.
void drain(int out_fd, int err_fd, int pid_fd, pid_t group, double timeout_s, std::chrono::steady_clock::time_point t0,
           CommandResult& r) {
  pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {pid_fd, POLLIN, 0}};
  bool exited = false;
  while (!exited && (pid_fd >= 0 || fds[0].fd >= 0 || fds[1].fd >= 0)) {
    int wait_ms = -1;
    if (timeout_s > 0 && !r.timed_out) {
      const double left = timeout_s - seconds_since(t0);
      if (left <= 0) {
        r.timed_out = true;
        kill(-group, SIGKILL);
        continue;
      }
      wait_ms = static_cast<int>(left * 1000) + 1;
    }
    const int n = poll(fds, 3, wait_ms);
    if (n < 0 && errno != EINTR) break;
    exited = fds[2].revents != 0;
    for (int i = 0; i < 2; ++i)
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) && !read_some(fds[i], r, i == 0))
        fds[i].fd = -1;
  }
  // The shell has exited: everything it and its waited-for children wrote is in the pipes already.
  for (int i = 0; i < 2; ++i) {
    pollfd p = fds[i];
    while (p.fd >= 0 && poll(&p, 1, 0) > 0 && read_some(p, r, i == 0)) {
    }
  }
}

}  // namespace

CommandResult run_shell(const std::string& command, const EnvVars& env, double timeout_s) {
  CommandResult r;
  const auto t0 = std::chrono::steady_clock::now();
  Pipe out, err;
  if (!out.open() || !err.open()) {
    r.spawn_error = std::string("cannot make a pipe: ") + std::strerror(errno);
    out.close_both();
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<std::string> args = {"/bin/sh", "-c", command};
  auto envs = environment(env);
  auto argv = c_strings(args);
  auto envp = c_strings(envs);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close(std::exchange(out.fd[1], -1));
  close(std::exchange(err.fd[1], -1));
  if (rc != 0) {
    r.spawn_error = std::string("cannot start /bin/sh: ") + std::strerror(rc);
    out.close_both();
    err.close_both();
    return r;
  }
  g_running_group = pid;
  // Through syscall(): Debian 12's <sys/pidfd.h> lacks extern "C". -1 (a kernel before 5.3): the pipes' end is
  // the command's end.
  const int pid_fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  drain(out.fd[0], err.fd[0], pid_fd, pid, timeout_s, t0, r);
  out.close_both();
  err.close_both();
  if (pid_fd >= 0) {
    // The shell has exited but is not reaped, so its group id is still its own: what the command left running
    // there (`sleep 60 &`) ends with the trial.
    kill(-pid, SIGKILL);
    close(pid_fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  g_running_group = 0;
  if (WIFEXITED(status)) r.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  if (r.err.size() > kErrTail) r.err.erase(0, r.err.size() - kErrTail);
  r.seconds = seconds_since(t0);
  return r;
}

void kill_running_command() {
  const pid_t group = g_running_group.load();
  if (group > 0) kill(-group, SIGKILL);
}

std::string LineChild::start(const std::vector<std::string>& args) {
  Pipe to, from;
  if (!to.open() || !from.open()) {
    to.close_both();
    return std::string("cannot make a pipe: ") + std::strerror(errno);
  }
  std::signal(SIGPIPE, SIG_IGN);  // a helper that died is an error on write, not the end of this process
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to.fd[0], 0);
  posix_spawn_file_actions_adddup2(&fa, from.fd[1], 1);
  std::vector<std::string> copy = args;
  auto argv = c_strings(copy);
  const int rc = posix_spawnp(&pid_, copy.at(0).c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(std::exchange(to.fd[0], -1));
  close(std::exchange(from.fd[1], -1));
  if (rc != 0) {
    pid_ = -1;
    to.close_both();
    from.close_both();
    return "cannot start " + args.at(0) + ": " + std::strerror(rc);
  }
  in_ = to.fd[1];
  out_ = from.fd[0];
  return "";
}

bool LineChild::write_line(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(in_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool LineChild::read_line(std::string& line) {
  char buf[4096];
  for (;;) {
    const auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return true;
    }
    const ssize_t n = read(out_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

int LineChild::finish() {
  if (pid_ < 0) return 0;
  if (in_ >= 0) close(std::exchange(in_, -1));
  if (out_ >= 0) close(std::exchange(out_, -1));
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

LineChild::~LineChild() {
  finish();
}

}  // namespace auger::engine::search
