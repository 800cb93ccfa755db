// Serves a run's metrics over HTTP for Prometheus to scrape: GET /metrics (text format 0.0.4) and GET /metrics.json,
// on loopback unless told otherwise, from a thread of its own (cpp-httplib).
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace auger::rt::metrics {

class PrometheusServer {
 public:
  // `text()` and `json()` are called per request, from the server's thread. Port 0 picks a free port.
  // Throws std::runtime_error when the address cannot be bound.
  PrometheusServer(std::string host, int port, std::function<std::string()> text, std::function<std::string()> json);
  ~PrometheusServer();
  PrometheusServer(const PrometheusServer&) = delete;
  PrometheusServer& operator=(const PrometheusServer&) = delete;

  [[nodiscard]] int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace auger::rt::metrics
