// Run metrics: latency histograms, coverage of statement sites, the JSON and Prometheus renderings.
#include "runtime/metrics/metrics.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "runtime/fused/kernel_cache.h"
#include "runtime/fused/kernel_catalog.h"
#include "runtime/metrics/prometheus_server.h"

using namespace auger::rt::metrics;

TEST_CASE("latency histogram: bounds hold every value, quantiles bound from above") {
  LatencyHistogram h;
  for (int i = 1; i <= 1000; ++i) h.record(i * 1e-4);  // 0.1 ms .. 100 ms
  CHECK(h.count() == 1000);
  CHECK(h.sum() == doctest::Approx(0.5 * 1000 * 1001 * 1e-4).epsilon(1e-3));
  const double p50 = h.quantile(0.5), p95 = h.quantile(0.95);
  CHECK(p50 >= 0.05);
  CHECK(p50 < 0.05 * 1.34);  // within one bucket (10^(1/8) wide)
  CHECK(p95 >= 0.095);
  CHECK(p95 < 0.095 * 1.34);
  const auto b = h.buckets();
  for (int i = 0; i < LatencyHistogram::kBuckets; ++i)
    if (b[static_cast<std::size_t>(i)] && i > 0) CHECK(LatencyHistogram::upper_bound(i - 1) < 0.1001);
  LatencyHistogram huge;
  huge.record(1e6);
  CHECK(huge.buckets()[LatencyHistogram::kBuckets - 1] == 1);
}

TEST_CASE("latency histogram: concurrent recording loses nothing") {
  LatencyHistogram h;
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) h.record(1e-3);
    });
  for (auto& t : ts) t.join();
  CHECK(h.count() == 40000);
}

TEST_CASE("coverage: fired counts and what each site drew") {
  Coverage c;
  for (int i = 0; i < 10; ++i) {
    nlohmann::ordered_json p = {{"0", {{"op", "random_resized_crop"}, {"top", i}, {"scale", {0.08, 1.0}}}},
                                {"2", {{"op", "rotate"}, {"angle", i * 1.5}, {"interp", "nearest"}}}};
    if (i % 2 == 0) p["1"] = {{"op", "hflip"}};
    c.record(p);
  }
  const auto fired = c.fired();
  CHECK(fired.at("0") == 10);
  CHECK(fired.at("1") == 5);
  const auto j = c.to_json();
  CHECK(j["2"]["op"] == "rotate");
  CHECK(j["2"]["params"]["angle"]["min"] == 0.0);
  CHECK(j["2"]["params"]["angle"]["max"] == 13.5);
  CHECK(j["2"]["params"]["interp"]["counts"]["\"nearest\""] == 10);
  std::uint64_t total = 0;
  for (const auto& n : j["2"]["params"]["angle"]["histogram"]["counts"]) total += n.get<std::uint64_t>();
  CHECK(total == 10);
}

TEST_CASE("run metrics: JSON keys and Prometheus exposition") {
  RunMetrics m;
  m.stage("decode").record(0.002);
  m.stage("augment").record(0.0003);
  m.sample_done(1000);
  m.error();
  m.set_queue_depth(3);
  m.add_wait(0.5);
  m.coverage().record({{"0", {{"op", "hflip"}}}});
  const auto j = m.to_json();
  CHECK(j["samples"] == 1);
  CHECK(j["errors"] == 1);
  CHECK(j["queue_depth"] == 3);
  CHECK(j["consumer_wait_s"].get<double>() == doctest::Approx(0.5));
  CHECK(j["stages"].contains("decode"));
  CHECK_FALSE(j["stages"].contains("collate"));  // nothing recorded there
  const std::string text = m.to_prometheus();
  CHECK(text.find("# TYPE auger_stage_seconds histogram") != std::string::npos);
  CHECK(text.find("auger_stage_seconds_bucket{stage=\"decode\",le=\"+Inf\"} 1") != std::string::npos);
  CHECK(text.find("auger_samples_total 1") != std::string::npos);
  CHECK(text.find("auger_statement_fired_total{site=\"0\"} 1") != std::string::npos);
}

TEST_CASE("prometheus server: serves the text format and the JSON on loopback") {
  RunMetrics m;
  m.sample_done(10);
  PrometheusServer server(
      "127.0.0.1", 0, [&] { return m.to_prometheus(); }, [&] { return m.to_json().dump(); });
  REQUIRE(server.port() > 0);
  httplib::Client client("127.0.0.1", server.port());
  auto text = client.Get("/metrics");
  REQUIRE(text);
  CHECK(text->status == 200);
  CHECK(text->get_header_value("Content-Type").find("text/plain; version=0.0.4") == 0);
  CHECK(text->body.find("auger_samples_total 1") != std::string::npos);
  m.sample_done(10);  // each scrape reads the metrics afresh
  auto json = client.Get("/metrics.json");
  REQUIRE(json);
  CHECK(nlohmann::json::parse(json->body)["samples"] == 2);
  CHECK(client.Get("/nothing")->status == 404);
  // Started and stopped at once: the destructor must not hang on a loop that never saw the stop.
  for (int i = 0; i < 20; ++i)
    PrometheusServer quick(
        "127.0.0.1", 0, [] { return std::string(); }, [] { return std::string(); });
}

TEST_CASE("run metrics: a kernel compiled during the run is counted, in JSON and in Prometheus") {
  RunMetrics m;
  auto j = m.to_json();
  CHECK(j["kernels_compiled"] == 0);
  CHECK(j["compile_seconds"] == 0.0);
  CHECK(m.to_prometheus().find("auger_kernels_compiled_total 0\n") != std::string::npos);
  // Three steps after the input: not in the catalog, so the cache compiles it (into a folder of its own).
  const auto dir = std::filesystem::temp_directory_path() / ("auger-metrics-compile-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auger::rt::fused::KernelSpec spec;
  using auger::rt::fused::StepKind;
  spec.steps = {
      {StepKind::Invert, false, false}, {StepKind::Posterize, false, false}, {StepKind::Invert, false, false}};
  REQUIRE_FALSE(auger::rt::fused::in_catalog(spec));
  auger::rt::fused::KernelCache cache(dir.string());
  (void)cache.get(spec);
  j = m.to_json();
  CHECK(j["kernels_compiled"] == 1);
  CHECK(j["compile_seconds"].get<double>() > 0);
  CHECK(m.to_prometheus().find("auger_kernels_compiled_total 1\n") != std::string::npos);
  std::filesystem::remove_all(dir);
}
