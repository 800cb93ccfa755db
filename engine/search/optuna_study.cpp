#include "engine/search/optuna_study.h"

#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>

#include "engine/search/optuna_driver_source.h"

namespace auger::engine::search {

std::string default_python() {
  const char* env = std::getenv("AUGER_PYTHON");
  return env && *env ? env : "/usr/bin/python3";
}

nlohmann::json OptunaStudy::request(const nlohmann::json& req) {
  std::string line;
  if (!driver_.write_line(req.dump()) || !driver_.read_line(line))
    throw SourceBroken(fmt::format("the Optuna driver ({}) stopped answering", options_.python));
  auto reply = nlohmann::json::parse(line, nullptr, false);
  if (reply.is_discarded() || !reply.is_object())
    throw SourceBroken("the Optuna driver answered something that is not a JSON object: " + line);
  return reply;
}

OptunaStart OptunaStudy::start(const GridAxes& grid) {
  if (auto why = driver_.start({options_.python, "-c", std::string(k_optuna_driver_source)}); !why.empty())
    return {OptunaStart::Status::Missing, why + " (set AUGER_PYTHON to a Python 3 with Optuna)"};
  nlohmann::json grid_json = nlohmann::json::object();
  for (std::size_t i = 0; i < grid.size(); ++i) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& b : grid[i]) values.push_back(b.value);
    grid_json[space_.params[i].name] = values;
  }
  nlohmann::json init = {{"op", "init"},          {"space", space_json(space_)}, {"strategy", options_.strategy},
                         {"seed", options_.seed}, {"trials", options_.trials},   {"minimize", options_.minimize},
                         {"grid", grid_json}};
  init["storage"] = options_.storage.empty() ? nlohmann::json() : nlohmann::json(options_.storage);
  init["study"] = options_.study.empty() ? nlohmann::json() : nlohmann::json(options_.study);
  nlohmann::json reply;
  try {
    reply = request(init);
  } catch (const std::exception& e) {
    return {OptunaStart::Status::Missing,
            fmt::format("{} cannot run the Optuna driver: {}", options_.python, e.what())};
  }
  if (reply.contains("missing"))
    return {OptunaStart::Status::Missing,
            fmt::format("{}; install Optuna (Debian: apt install python3-optuna; or pip install optuna) or set "
                        "AUGER_PYTHON to a Python that has it",
                        reply.value("error", std::string()))};
  if (reply.contains("error")) return {OptunaStart::Status::Failed, "Optuna: " + reply.value("error", std::string())};
  const std::size_t existing = reply.value("existing", std::size_t{0});
  planned_ = options_.trials > existing ? options_.trials - existing : 0;
  return {};
}

Bindings OptunaStudy::bindings(const nlohmann::json& args) const {
  Bindings out;
  for (const auto& p : space_.params) {
    Binding b;
    if (!args.contains(p.name)) throw SourceBroken("the Optuna trial has no value for " + p.name);
    if (auto bad = binding_from_json(p, args.at(p.name), b); !bad.empty())
      throw SourceBroken(fmt::format("the Optuna trial's {}: {}", p.name, bad));
    out.push_back(std::move(b));
  }
  return out;
}

std::optional<AskedTrial> OptunaStudy::ask() {
  const auto reply = request({{"op", "ask"}});
  if (reply.contains("error")) throw SourceBroken("Optuna: " + reply.value("error", std::string()));
  if (reply.value("stop", false)) return std::nullopt;
  return AskedTrial{reply.at("number").get<long>(), bindings(reply.at("args"))};
}

void OptunaStudy::tell(const TrialRecord& done) {
  nlohmann::json req = {{"op", "tell"}, {"number", done.number}, {"seconds", done.outcome.seconds}};
  if (done.outcome.score)
    req["score"] = *done.outcome.score;
  else
    req["error"] = done.outcome.error;
  const auto reply = request(req);
  if (reply.contains("error")) throw SourceBroken("Optuna: " + reply.value("error", std::string()));
}

std::vector<TrialRecord> OptunaStudy::finished(const std::vector<TrialRecord>& /*this_run*/) {
  const auto reply = request({{"op", "trials"}});
  if (reply.contains("error")) throw SourceBroken("Optuna: " + reply.value("error", std::string()));
  std::vector<TrialRecord> out;
  for (const auto& t : reply.at("trials")) {
    TrialRecord r;
    r.number = t.at("number").get<long>();
    try {
      r.args = bindings(t.at("args"));
    } catch (const SourceBroken&) {
      continue;  // a trial of the study from another space (the policy changed since): not this search's
    }
    if (!t.at("score").is_null()) r.outcome.score = t.at("score").get<double>();
    if (t.contains("error") && t.at("error").is_string()) r.outcome.error = t.at("error").get<std::string>();
    r.outcome.seconds = t.value("seconds", 0.0);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace auger::engine::search
