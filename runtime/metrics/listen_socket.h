// The metrics server's listening socket: non-blocking, close-on-exec, bound to a host name or address.
#pragma once

#include <string>

namespace auger::rt::metrics {

// Binds and listens on `host`:`port` (port 0: the system picks a free one); returns the descriptor. Throws
// std::runtime_error naming the address when it cannot be resolved or bound.
int listen_on(const std::string& host, int port);

// The port a bound socket listens on.
int bound_port(int fd);

}  // namespace auger::rt::metrics
