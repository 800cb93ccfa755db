// Physical dimensions of numbers and the unit suffixes that write them (language.md §2, docs/language.md §11.4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auger {

enum class Dim {
  None,       // a plain number
  Angle,      // stored in degrees
  Duration,   // stored in seconds
  Frequency,  // stored in hertz
  Gain,       // stored in decibels
  Pixels,     // `12px`
  Fraction,   // `50%` = 0.5
};

struct UnitInfo {
  std::string_view suffix;
  Dim dim;
  double scale;  // multiply the written number by this to get the stored value
};

const std::vector<UnitInfo>& all_units();
std::optional<UnitInfo> find_unit(std::string_view suffix);
std::string_view dim_name(Dim d);          // "an angle", "a duration", …
std::string_view dim_example_unit(Dim d);  // "deg", "ms", …

}  // namespace auger
