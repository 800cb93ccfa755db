#include "runtime/metrics/prometheus_server.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <thread>
#include <vector>

#include "runtime/metrics/http_message.h"
#include "runtime/metrics/listen_socket.h"

namespace auger::rt::metrics {

namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
  int fd = -1;
  Clock::time_point opened, deadline;
  std::string received;
  std::string reply;  // non-empty once the request is answered: the connection is sending it
  std::size_t sent = 0;
  bool done = false;  // to be closed

  [[nodiscard]] bool replying() const { return !reply.empty(); }
};

// A reply the client may not even read: sent once if the socket takes it, never waited for.
void send_and_close(int fd, const std::string& reply) {
  (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::close(fd);
}

// Drops a client the server gave up on with a reset: the kernel keeps nothing of it (no unsent reply lingering
// for a reader that never reads).
void abort_connection(int fd) {
  const linger reset{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  ::close(fd);
}

}  // namespace

struct PrometheusServer::Impl {
  std::function<std::string()> text, json;
  ServerLimits limits;
  int listener = -1, port = 0;
  int wake[2] = {-1, -1};  // the destructor writes to wake[1] to stop the loop
  Clock::time_point accept_paused_until;
  std::vector<Connection> connections;
  std::thread thread;

  void loop();
  int poll_timeout_ms(Clock::time_point now) const;
  void accept_new(Clock::time_point now);
  void admit(int fd, Clock::time_point now);
  void receive(Connection& c, Clock::time_point now);
  void answer(Connection& c, Clock::time_point now);
  void send_reply(Connection& c);
  std::string respond(const RequestHead& head) const;
  void close_finished(Clock::time_point now);
};

std::string PrometheusServer::Impl::respond(const RequestHead& head) const {
  if (head.method != "GET") return http_response(405, "text/plain", "only GET is served\n");
  try {
    if (head.path == "/metrics") return http_response(200, "text/plain; version=0.0.4; charset=utf-8", text());
    if (head.path == "/metrics.json") return http_response(200, "application/json", json());
  } catch (const std::exception& e) {
    return http_response(500, "text/plain", std::string(e.what()) + "\n");
  }
  return http_response(404, "text/plain", "not found: the metrics are at /metrics and /metrics.json\n");
}

void PrometheusServer::Impl::send_reply(Connection& c) {
  while (c.sent < c.reply.size()) {
    const ssize_t n = ::send(c.fd, c.reply.data() + c.sent, c.reply.size() - c.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // poll says when it can take more
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    c.sent += static_cast<std::size_t>(n);
  }
  if (c.sent == c.reply.size()) ::shutdown(c.fd, SHUT_WR);
  c.done = true;
}

void PrometheusServer::Impl::answer(Connection& c, Clock::time_point now) {
  RequestHead head;
  switch (parse_request_head(c.received, head)) {
    case HeadStatus::Incomplete: return;
    case HeadStatus::Complete: c.reply = respond(head); break;
    case HeadStatus::Bad: c.reply = http_response(400, "text/plain", "malformed request\n"); break;
    case HeadStatus::TooLarge: c.reply = http_response(431, "text/plain", "request head too large\n"); break;
  }
  c.received.clear();
  c.deadline = now + limits.reply_timeout;
  send_reply(c);
}

void PrometheusServer::Impl::receive(Connection& c, Clock::time_point now) {
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n <= 0) {  // closed before asking, or reset
      c.done = true;
      return;
    }
    c.received.append(buf, static_cast<std::size_t>(n));
    if (c.received.size() >= kMaxRequestHead) break;  // the parser refuses it; read no more
  }
  answer(c, now);
}

void PrometheusServer::Impl::admit(int fd, Clock::time_point now) {
  if (static_cast<int>(connections.size()) >= limits.max_connections) {
    // Room for the newcomer: the oldest connection that has still not sent its request goes.
    auto oldest = connections.end();
    for (auto it = connections.begin(); it != connections.end(); ++it)
      if (!it->replying() && (oldest == connections.end() || it->opened < oldest->opened)) oldest = it;
    if (oldest == connections.end()) {
      send_and_close(fd, http_response(503, "text/plain", "too many connections; try again\n"));
      return;
    }
    abort_connection(oldest->fd);
    connections.erase(oldest);
  }
  Connection& c = connections.emplace_back();
  c.fd = fd;
  c.opened = now;
  c.deadline = now + limits.request_timeout;
  receive(c, now);  // most clients send the request with the connection: answer it before it can be pushed out
}

void PrometheusServer::Impl::accept_new(Clock::time_point now) {
  // A bounded batch per turn, so a flood of connections cannot keep the loop from the ones it has.
  for (int i = 0; i < limits.max_connections; ++i) {
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      admit(fd, now);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
      accept_paused_until = now + std::chrono::milliseconds(100);  // out of descriptors: let some close first
    return;
  }
}

void PrometheusServer::Impl::close_finished(Clock::time_point now) {
  for (auto& c : connections) {
    if (c.done)
      ::close(c.fd);
    else if (now >= c.deadline)
      abort_connection(c.fd);
  }
  std::erase_if(connections, [&](const Connection& c) { return c.done || now >= c.deadline; });
}

int PrometheusServer::Impl::poll_timeout_ms(Clock::time_point now) const {
  auto next = now + std::chrono::seconds(1);
  for (const auto& c : connections) next = std::min(next, c.deadline);
  if (accept_paused_until > now) next = std::min(next, accept_paused_until);
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::max<std::int64_t>(ms, 0));
}

void PrometheusServer::Impl::loop() {
  std::vector<pollfd> fds;
  for (;;) {
    const bool accepting = Clock::now() >= accept_paused_until;
    fds.assign({{wake[0], POLLIN, 0}, {accepting ? listener : -1, POLLIN, 0}});
    for (const auto& c : connections) fds.push_back({c.fd, static_cast<short>(c.replying() ? POLLOUT : POLLIN), 0});
    if (::poll(fds.data(), fds.size(), poll_timeout_ms(Clock::now())) < 0) {
      // The revents are not to be trusted: poll again (after a pause when short of memory, not spinning).
      if (errno != EINTR) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (fds[0].revents) break;
    const auto now = Clock::now();
    for (std::size_t i = 0; i < connections.size(); ++i) {
      auto& c = connections[i];
      const short ev = fds[i + 2].revents;
      if (!ev) continue;
      if (c.replying())
        send_reply(c);
      else
        receive(c, now);
    }
    if (fds[1].revents) accept_new(now);
    close_finished(Clock::now());
  }
  for (auto& c : connections) abort_connection(c.fd);
  connections.clear();
}

PrometheusServer::PrometheusServer(std::string host, int port, std::function<std::string()> text,
                                   std::function<std::string()> json, ServerLimits limits)
    : impl_(std::make_unique<Impl>()) {
  impl_->text = std::move(text);
  impl_->json = std::move(json);
  impl_->limits = limits;
  impl_->limits.max_connections = std::max(impl_->limits.max_connections, 1);
  impl_->listener = listen_on(host, port);
  impl_->port = bound_port(impl_->listener);
  if (::pipe2(impl_->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    ::close(impl_->listener);
    throw std::runtime_error("cannot start the metrics server: no pipe for its stop signal");
  }
  // Listening already: connections made before the thread polls wait in the backlog.
  impl_->thread = std::thread([this] { impl_->loop(); });
}

PrometheusServer::~PrometheusServer() {
  const char stop = 1;
  (void)!::write(impl_->wake[1], &stop, 1);
  if (impl_->thread.joinable()) impl_->thread.join();
  ::close(impl_->wake[0]);
  ::close(impl_->wake[1]);
  ::close(impl_->listener);
}

int PrometheusServer::port() const {
  return impl_->port;
}

}  // namespace auger::rt::metrics
