#include "engine/search/search_plot.h"

#include "engine/search/child_process.h"
#include "engine/search/search_plot_source.h"
#include "engine/search/search_report.h"

namespace auger::engine::search {

PlotStatus write_plot(const std::string& python, const std::string& title, const SearchSpace& space,
                      const SearchResult& r, const std::string& out_path) {
  constexpr const char* kInstall =
      "; install matplotlib (Debian: apt install python3-matplotlib; or pip install matplotlib) or set "
      "AUGER_PYTHON to a Python that has it";
  LineChild child;
  if (auto why = child.start({python, "-c", std::string(k_search_plot_source)}); !why.empty())
    return {false, true, why + kInstall};
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : space.params) {
    nlohmann::json j = {{"name", p.name}, {"kind", p.kind == SearchParam::Kind::Choice ? "choice" : "number"}};
    j["choices"] = p.choices;
    params.push_back(j);
  }
  const nlohmann::json req = {
      {"out", out_path}, {"title", title}, {"params", params}, {"trials", result_json(r)["trials"]}};
  std::string line;
  if (!child.write_line(req.dump()) || !child.read_line(line))
    return {false, false, python + " could not draw the plot"};
  const auto reply = nlohmann::json::parse(line, nullptr, false);
  if (reply.is_discarded()) return {false, false, "the plot helper answered: " + line};
  if (reply.contains("missing")) return {false, true, reply.value("error", std::string()) + kInstall};
  if (reply.contains("error")) return {false, false, reply.value("error", std::string())};
  return {};
}

}  // namespace auger::engine::search
