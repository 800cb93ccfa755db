// `auger search --plot out.png`: score against each parameter, drawn by matplotlib in a child Python.
#pragma once

#include <string>

#include "engine/search/search_run.h"

namespace auger::engine::search {

struct PlotStatus {
  bool ok = true;
  bool missing = false;  // matplotlib (or Python) is not there
  std::string message;
};

PlotStatus write_plot(const std::string& python, const std::string& title, const SearchSpace& space,
                      const SearchResult& r, const std::string& out_path);

}  // namespace auger::engine::search
