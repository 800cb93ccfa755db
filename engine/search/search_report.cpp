#include "engine/search/search_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace auger::engine::search {

namespace {

nlohmann::json score_json(const TrialOutcome& t) {
  return t.score ? nlohmann::json(*t.score) : nlohmann::json();
}

std::string cell(const TrialRecord& t, const std::string& name) {
  for (const auto& b : t.args) {
    if (b.name != name) continue;
    // A float's cell is short; the JSON keeps every digit.
    return b.value.is_number_float() && b.text == fmt::format("{}", b.value.get<double>())
               ? fmt::format("{:.6g}", b.value.get<double>())
               : b.text;
  }
  return "";
}

}  // namespace

nlohmann::json result_json(const SearchResult& r) {
  nlohmann::json trials = nlohmann::json::array();
  for (const auto& t : r.trials) {
    nlohmann::json j = {{"args", bindings_json(t.args)},
                        {"score", score_json(t.outcome)},
                        {"seconds", std::round(t.outcome.seconds * 1e4) / 1e4}};
    if (!t.outcome.score) j["error"] = t.outcome.error;
    trials.push_back(j);
  }
  nlohmann::json best;
  if (r.best) {
    const auto& b = r.trials[*r.best];
    best = {{"args", bindings_json(b.args)}, {"score", score_json(b.outcome)}};
  }
  return {{"best", best}, {"trials", trials}};
}

std::string result_table(const SearchSpace& space, const SearchResult& r) {
  std::vector<std::string> head = {"trial"};
  for (const auto& p : space.params) head.push_back(p.name);
  head.insert(head.end(), {"seconds", "score"});  // score last: a failure's reason may be long
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < r.trials.size(); ++i) {
    const auto& t = r.trials[i];
    std::vector<std::string> row = {fmt::format("{}{}", t.number, r.best == i ? "*" : "")};
    for (const auto& p : space.params) row.push_back(cell(t, p.name));
    row.push_back(fmt::format("{:.2f}", t.outcome.seconds));
    row.push_back(t.outcome.score ? fmt::format("{:.6g}", *t.outcome.score) : "failed: " + t.outcome.error);
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) out += fmt::format("{:<{}}  ", cells[c], width[c]);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(head);
  for (const auto& row : rows) out += line(row);
  if (r.best) {
    const auto& b = r.trials[*r.best];
    out += fmt::format("best: trial {}, score {:.6g}:", b.number, *b.outcome.score);
    for (const auto& x : b.args) out += " " + x.name + "=" + x.text;
    out += "\n";
  } else {
    out += "best: none (every trial failed)\n";
  }
  return out;
}

}  // namespace auger::engine::search
