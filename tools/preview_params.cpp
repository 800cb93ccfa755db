#include "tools/preview_params.h"

#include <fmt/format.h>

#include <cctype>

namespace auger::cli {

namespace {

std::string value_text(const nlohmann::ordered_json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return fmt::format("{:.4g}", v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + value_text(v[i]);
    return out + "]";
  }
  return v.dump();
}

// A mask list [s0, e0, s1, e1, …] as half-open intervals.
std::string masks_text(const nlohmann::ordered_json& v) {
  std::string out;
  for (std::size_t i = 0; i + 1 < v.size(); i += 2)
    out += fmt::format("{}[{},{})", i ? " " : "", value_text(v[i]), value_text(v[i + 1]));
  return out.empty() ? "none" : out;
}

bool is_label(const std::string& site) {
  return !site.empty() && !std::isdigit(static_cast<unsigned char>(site[0]));
}

}  // namespace

std::string op_summary(const std::string& site, const nlohmann::ordered_json& params) {
  std::string args;
  for (const auto& [name, v] : params.items()) {
    if (name == "op") continue;
    args += fmt::format("{}{}={}", args.empty() ? "" : ", ", name,
                        name == "masks" && v.is_array() ? masks_text(v) : value_text(v));
  }
  const std::string call = fmt::format("{}({})", params.value("op", "?"), args);
  return is_label(site) ? site + ": " + call : call;
}

std::vector<std::string> op_summaries(const nlohmann::ordered_json& params) {
  std::vector<std::string> out;
  for (const auto& [site, p] : params.items()) out.push_back(op_summary(site, p));
  return out;
}

}  // namespace auger::cli
