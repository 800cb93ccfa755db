// A policy argument given as a typed value (Python, the C++ API) rather than as `--set` text. A string for a
// parameter that is not a string is read as `--set` text would be (`"30deg"`, an enum member).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace auger {

using ArgValue = std::variant<bool, std::int64_t, double, std::string, std::vector<double>>;

}  // namespace auger
