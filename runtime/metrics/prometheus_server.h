// Serves a run's metrics over HTTP for Prometheus to scrape: GET /metrics (text format 0.0.4) and GET /metrics.json,
// on loopback unless told otherwise, from a thread of its own.
//
// One thread polls every connection, so no client can hold the server: each has a deadline to send its whole
// request (idle and byte-by-byte "slow loris" clients are dropped when it passes) and another to take the reply,
// and the number of open connections is bounded — when full, the oldest one still sending its request gives way
// to the new one, and when all are busy taking replies the new one gets a 503.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace auger::rt::metrics {

struct ServerLimits {
  int max_connections = 64;
  std::chrono::milliseconds request_timeout{2000};  // from accepting a connection to its request's blank line
  std::chrono::milliseconds reply_timeout{10000};   // to send the whole reply to a client that reads slowly
};

class PrometheusServer {
 public:
  // `text()` and `json()` are called per request, from the server's thread. Port 0 picks a free port.
  // Throws std::runtime_error when the address cannot be bound.
  PrometheusServer(std::string host, int port, std::function<std::string()> text, std::function<std::string()> json,
                   ServerLimits limits = {});
  ~PrometheusServer();
  PrometheusServer(const PrometheusServer&) = delete;
  PrometheusServer& operator=(const PrometheusServer&) = delete;

  [[nodiscard]] int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace auger::rt::metrics
