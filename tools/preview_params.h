// One statement's recorded draws ("params") as a short line for a preview's caption or table:
// `noise: add_noise(snr=25.85, color=pink)`, masks as `[60,76) [34,54)`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace auger::cli {

// `site` is shown when it is a statement label (not a position like "3" or "4.0.LD.1").
std::string op_summary(const std::string& site, const nlohmann::ordered_json& params);

// Every statement's summary, in trace order.
std::vector<std::string> op_summaries(const nlohmann::ordered_json& params);

}  // namespace auger::cli
