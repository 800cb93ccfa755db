#include "compiler/sema/units.h"

namespace auger {

const std::vector<UnitInfo>& all_units() {
  static const std::vector<UnitInfo> units = {
      {"deg", Dim::Angle, 1.0},    {"rad", Dim::Angle, 57.29577951308232},
      {"ms", Dim::Duration, 1e-3}, {"s", Dim::Duration, 1.0},
      {"Hz", Dim::Frequency, 1.0}, {"kHz", Dim::Frequency, 1e3},
      {"dB", Dim::Gain, 1.0},      {"px", Dim::Pixels, 1.0},
      {"%", Dim::Fraction, 0.01},
  };
  return units;
}

std::optional<UnitInfo> find_unit(std::string_view suffix) {
  for (const auto& u : all_units()) {
    if (u.suffix == suffix) return u;
  }
  return std::nullopt;
}

std::string_view dim_name(Dim d) {
  switch (d) {
    case Dim::None: return "a plain number";
    case Dim::Angle: return "an angle";
    case Dim::Duration: return "a duration";
    case Dim::Frequency: return "a frequency";
    case Dim::Gain: return "a gain";
    case Dim::Pixels: return "a length in pixels";
    case Dim::Fraction: return "a fraction";
  }
  return "a number";
}

std::string_view dim_example_unit(Dim d) {
  switch (d) {
    case Dim::Angle: return "deg";
    case Dim::Duration: return "ms";
    case Dim::Frequency: return "Hz";
    case Dim::Gain: return "dB";
    case Dim::Pixels: return "px";
    case Dim::Fraction: return "%";
    case Dim::None: break;
  }
  return "";
}

}  // namespace auger
