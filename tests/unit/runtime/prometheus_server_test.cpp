// The metrics server under clients that do not play along: idle connections, requests trickled byte by byte,
// more connections than it keeps, clients that do not read their replies. Each must cost the others nothing.
#include "runtime/metrics/prometheus_server.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "runtime/metrics/http_message.h"

using namespace auger::rt::metrics;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// A raw TCP connection to the server on loopback, closed when it goes.
struct RawClient {
  int fd = -1;
  explicit RawClient(int port, int rcvbuf = 0) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    if (rcvbuf) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { ::close(fd); }
  void send_text(const std::string& s) const {
    REQUIRE(::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == ssize_t(s.size()));
  }
  // Everything until the server closes (or `limit` passes); the text read so far either way.
  std::string read_all(std::chrono::milliseconds limit = 5000ms) const {
    std::string out;
    const auto end = Clock::now() + limit;
    char buf[65536];
    while (Clock::now() < end) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  // True when the server closed (or reset) the connection within `limit`.
  [[nodiscard]] bool closed_within(std::chrono::milliseconds limit) const {
    const auto end = Clock::now() + limit;
    char buf[65536];
    while (Clock::now() < end) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) > 0 && ::recv(fd, buf, sizeof buf, MSG_DONTWAIT) <= 0) return true;
    }
    return false;
  }
};

std::string get(int port, const std::string& path) {
  RawClient c(port);
  c.send_text("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
  return c.read_all();
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

PrometheusServer make_server(ServerLimits limits, std::string body = "auger_samples_total 1\n") {
  return PrometheusServer(
      "127.0.0.1", 0, [body] { return body; }, [] { return std::string("{}"); }, limits);
}

}  // namespace

TEST_CASE("http request head: whole, partial, malformed, too large") {
  RequestHead h;
  CHECK(parse_request_head("GET /metrics HTTP/1.1\r\nHost: a\r\n", h) == HeadStatus::Incomplete);
  CHECK(parse_request_head("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", h) == HeadStatus::Complete);
  CHECK(h.method == "GET");
  CHECK(h.path == "/metrics");
  CHECK(parse_request_head("GET /metrics.json HTTP/1.0\n\n", h) == HeadStatus::Complete);
  CHECK(h.path == "/metrics.json");
  CHECK(parse_request_head("GARBAGE\r\n\r\n", h) == HeadStatus::Bad);
  CHECK(parse_request_head("GET metrics HTTP/1.1\r\n\r\n", h) == HeadStatus::Bad);
  CHECK(parse_request_head("GET /metrics SPDY/3\r\n\r\n", h) == HeadStatus::Bad);
  CHECK(parse_request_head("GET /" + std::string(kMaxRequestHead, 'a'), h) == HeadStatus::TooLarge);
  const std::string r = http_response(503, "text/plain", "busy\n");
  CHECK(r.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0);
  CHECK(r.find("Content-Length: 5\r\n") != std::string::npos);
  CHECK(r.find("Connection: close\r\n\r\nbusy\n") != std::string::npos);
}

TEST_CASE("prometheus server: sixteen idle connections do not keep /metrics from answering") {
  // Fewer slots than idle clients: the newest connection must still be served, at once.
  auto server = make_server({.max_connections = 8, .request_timeout = 30s});
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 16; ++i) idle.push_back(std::make_unique<RawClient>(server.port()));
  std::this_thread::sleep_for(100ms);  // the server has accepted them all
  const auto t = Clock::now();
  const std::string reply = get(server.port(), "/metrics");
  CHECK(seconds_since(t) < 1.0);
  CHECK(reply.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(reply.find("auger_samples_total 1") != std::string::npos);
  // The oldest idle ones made room, and were closed for it.
  CHECK(idle.front()->closed_within(1000ms));
}

TEST_CASE("prometheus server: idle clients are dropped at the request deadline, with the default limits too") {
  {
    auto server = make_server({.max_connections = 64, .request_timeout = 300ms});
    RawClient idle(server.port());
    const auto t = Clock::now();
    CHECK(idle.closed_within(3000ms));
    CHECK(seconds_since(t) < 1.5);
  }
  auto server = make_server({});
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 16; ++i) idle.push_back(std::make_unique<RawClient>(server.port()));
  const auto t = Clock::now();
  CHECK(get(server.port(), "/metrics").rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(seconds_since(t) < 1.0);
}

TEST_CASE("prometheus server: a request trickled byte by byte is cut off at the deadline, not kept alive") {
  auto server = make_server({.max_connections = 4, .request_timeout = 500ms});
  RawClient loris(server.port());
  const std::string request = "GET /metrics HTTP/1.1\r\nHost: slow\r\nX-Padding: " + std::string(200, 'a') + "\r\n\r\n";
  const auto t = Clock::now();
  bool cut = false;
  for (char ch : request) {
    if (::send(loris.fd, &ch, 1, MSG_NOSIGNAL) != 1 || loris.closed_within(1ms)) {
      cut = true;
      break;
    }
    std::this_thread::sleep_for(50ms);  // each byte well inside any per-read timeout
  }
  CHECK(cut);
  CHECK(seconds_since(t) < 2.0);
  // Meanwhile, and after, others are served.
  CHECK(get(server.port(), "/metrics").rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
}

TEST_CASE("prometheus server: when every slot is taking a reply, a newcomer gets 503; errors are answered") {
  // Replies far larger than the socket buffers, to clients that do not read them: both stay busy.
  auto server =
      make_server({.max_connections = 2, .request_timeout = 2s, .reply_timeout = 1500ms}, std::string(32 << 20, 'x'));
  RawClient a(server.port(), 4096), b(server.port(), 4096);
  a.send_text("GET /metrics HTTP/1.1\r\n\r\n");
  b.send_text("GET /metrics HTTP/1.1\r\n\r\n");
  std::this_thread::sleep_for(200ms);
  CHECK(get(server.port(), "/metrics").rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0);
  // Past the reply deadline the stalled readers are dropped, and the server answers again.
  std::this_thread::sleep_for(1800ms);
  CHECK(a.closed_within(1000ms));
  CHECK(get(server.port(), "/nothing").rfind("HTTP/1.1 404 Not Found\r\n", 0) == 0);
  CHECK(get(server.port(), "GARBAGE").rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  RawClient post(server.port());
  post.send_text("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
  CHECK(post.read_all().rfind("HTTP/1.1 405 Method Not Allowed\r\n", 0) == 0);
}

TEST_CASE("prometheus server: a port that is taken is an error naming the address") {
  auto server = make_server({});
  const auto again = [&] {
    PrometheusServer taken(
        "127.0.0.1", server.port(), [] { return std::string(); }, [] { return std::string(); });
  };
  CHECK_THROWS_WITH_AS(again(), doctest::Contains("127.0.0.1"), std::runtime_error);
}
