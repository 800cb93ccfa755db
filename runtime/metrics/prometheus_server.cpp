#include "runtime/metrics/prometheus_server.h"

#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace auger::rt::metrics {

struct PrometheusServer::Impl {
  httplib::Server server;
  std::thread thread;
  int port = 0;
};

PrometheusServer::PrometheusServer(std::string host, int port, std::function<std::string()> text,
                                   std::function<std::string()> json)
    : impl_(std::make_unique<Impl>()) {
  impl_->server.Get("/metrics", [text](const httplib::Request&, httplib::Response& res) {
    res.set_content(text(), "text/plain; version=0.0.4; charset=utf-8");
  });
  impl_->server.Get("/metrics.json", [json](const httplib::Request&, httplib::Response& res) {
    res.set_content(json(), "application/json");
  });
  impl_->port = port == 0 ? impl_->server.bind_to_any_port(host) : (impl_->server.bind_to_port(host, port) ? port : -1);
  if (impl_->port <= 0)
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + " for --metrics-port");
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // Ready when the constructor returns; and a stop() before the loop runs would be missed (the join would hang).
  for (int i = 0; i < 5000 && !impl_->server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

PrometheusServer::~PrometheusServer() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

int PrometheusServer::port() const {
  return impl_->port;
}

}  // namespace auger::rt::metrics
