#include "runtime/metrics/listen_socket.h"

#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace auger::rt::metrics {

namespace {

struct AddrInfoFree {
  void operator()(addrinfo* a) const { freeaddrinfo(a); }
};

// A listening socket on one resolved address; -1 (errno set) when it cannot be had.
int try_listen(const addrinfo& a) {
  const int fd = ::socket(a.ai_family, a.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a.ai_protocol);
  if (fd < 0) return -1;
  const int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // a restarted run may take its port back at once
  if (::bind(fd, a.ai_addr, a.ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) return fd;
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return -1;
}

}  // namespace

int listen_on(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found); rc != 0)
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{} for --metrics-port: {}", host, port, gai_strerror(rc)));
  const std::unique_ptr<addrinfo, AddrInfoFree> list(found);
  int err = 0;
  for (const addrinfo* a = found; a; a = a->ai_next) {
    if (const int fd = try_listen(*a); fd >= 0) return fd;
    err = errno;
  }
  throw std::runtime_error(
      fmt::format("cannot listen on {}:{} for --metrics-port: {}", host, port, std::strerror(err ? err : EINVAL)));
}

int bound_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
}

}  // namespace auger::rt::metrics
