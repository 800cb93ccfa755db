#include "runtime/text/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace auger::rt::text {

namespace {

int millis_left(Subprocess::Deadline deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

// Waits until `fd` is ready for `events`; throws when the deadline passes first.
void await(int fd, short events, Subprocess::Deadline deadline, const char* what) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int r = poll(&p, 1, millis_left(deadline));
    if (r > 0) return;
    if (r == 0) throw TimedOut(what);
    if (errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
  }
}

}  // namespace

Subprocess::Subprocess(const std::vector<std::string>& argv) {
  // A translator that exits while we write to it is an error of the request, not a SIGPIPE killing the run.
  static const bool sigpipe_ignored = (signal(SIGPIPE, SIG_IGN), true);
  (void)sigpipe_ignored;
  int to_child[2], from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  // Its own process group, so that killing it also kills what a shell wrapper started (no orphan keeps running).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int err = posix_spawnp(&pid_, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(to_child[0]);
  close(from_child[1]);
  in_ = to_child[1];
  out_ = from_child[0];
  if (err != 0) {
    pid_ = -1;
    close(in_);
    close(out_);
    in_ = out_ = -1;
    throw std::runtime_error("cannot start `" + argv[0] + "`: " + std::strerror(err));
  }
  fcntl(in_, F_SETFL, O_NONBLOCK);
  fcntl(out_, F_SETFL, O_NONBLOCK);
}

Subprocess::~Subprocess() {
  if (in_ >= 0) close(in_);
  if (out_ >= 0) close(out_);
  kill_now();
}

void Subprocess::kill_now() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);  // the whole group
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void Subprocess::write(const std::string& data, Deadline deadline) {
  for (std::size_t done = 0; done < data.size();) {
    await(in_, POLLOUT, deadline, "writing its request");
    const ssize_t n = ::write(in_, data.data() + done, data.size() - done);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0 && errno == EPIPE) throw ChildGone("the translator stopped reading its requests");
    if (n < 0) throw std::runtime_error(std::string("the translator stopped reading: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

std::string Subprocess::read_line(Deadline deadline) {
  for (;;) {
    if (auto nl = buffered_.find('\n'); nl != std::string::npos) {
      std::string line = buffered_.substr(0, nl);
      buffered_.erase(0, nl + 1);
      return line;
    }
    await(out_, POLLIN, deadline, "waiting for the answer");
    char buf[65536];
    const ssize_t n = ::read(out_, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) throw ChildGone("the translator closed its output without answering");
    buffered_.append(buf, static_cast<std::size_t>(n));
  }
}

std::string Subprocess::read_all(Deadline deadline) {
  for (;;) {
    await(out_, POLLIN, deadline, "waiting for it to finish");
    char buf[65536];
    const ssize_t n = ::read(out_, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) throw std::runtime_error(std::string("reading the translator: ") + std::strerror(errno));
    if (n == 0) return std::move(buffered_);
    buffered_.append(buf, static_cast<std::size_t>(n));
  }
}

void Subprocess::close_stdin() {
  if (in_ >= 0) close(in_);
  in_ = -1;
}

int Subprocess::wait(Deadline deadline) {
  while (pid_ > 0) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (millis_left(deadline) == 0) {
      kill_now();
      return 137;
    }
    usleep(2000);
  }
  return 0;
}

}  // namespace auger::rt::text
