// A search's results as cli.md's JSON ({"best": {"args", "score"}, "trials": [...]}) and as a text table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/search/search_run.h"

namespace auger::engine::search {

// Failed trials have "score": null and "error"; "best" is null when no trial succeeded.
nlohmann::json result_json(const SearchResult& r);
// One row per trial (the best marked `*`), then the best line.
std::string result_table(const SearchSpace& space, const SearchResult& r);

}  // namespace auger::engine::search
