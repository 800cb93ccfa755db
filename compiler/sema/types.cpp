#include "compiler/sema/types.h"

#include <map>

namespace auger {

bool EnumInfo::has(const std::string& v) const {
  for (const auto& x : values) {
    if (x == v) return true;
  }
  return false;
}

std::string EnumInfo::listing() const {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

bool builtin_type(const std::string& name, BaseType& out) {
  static const std::map<std::string, BaseType> table = {
      {"int", BaseType::Int},
      {"float", BaseType::Float},
      {"bool", BaseType::Bool},
      {"string", BaseType::String},
      {"angle", BaseType::Angle},
      {"duration", BaseType::Duration},
      {"frequency", BaseType::Frequency},
      {"gain", BaseType::Gain},
      {"size", BaseType::Size},
      {"count", BaseType::Count},
      {"color", BaseType::Color},
      {"interval", BaseType::Interval},
  };
  auto it = table.find(name);
  if (it == table.end()) return false;
  out = it->second;
  return true;
}

std::string Type::name() const {
  switch (base) {
    case BaseType::Int: return "int";
    case BaseType::Float: return "float";
    case BaseType::Bool: return "bool";
    case BaseType::String: return "string";
    case BaseType::Angle: return "angle";
    case BaseType::Duration: return "duration";
    case BaseType::Frequency: return "frequency";
    case BaseType::Gain: return "gain";
    case BaseType::Size: return "size";
    case BaseType::Count: return "count";
    case BaseType::Color: return "color";
    case BaseType::Interval: return "interval";
    case BaseType::Enum: return enumeration ? enumeration->name : "enum";
    case BaseType::List: return "[" + (element ? element->name() : std::string("?")) + "]";
  }
  return "?";
}

Dim Type::required_dim() const {
  switch (base) {
    case BaseType::Angle: return Dim::Angle;
    case BaseType::Duration: return Dim::Duration;
    case BaseType::Frequency: return Dim::Frequency;
    case BaseType::Gain: return Dim::Gain;
    default: return Dim::None;
  }
}

bool Type::accepts_dim(Dim have, bool is_zero) const {
  switch (base) {
    case BaseType::Int:
    case BaseType::Color: return have == Dim::None;
    case BaseType::Float:
    case BaseType::Count: return have == Dim::None || have == Dim::Fraction;
    case BaseType::Size: return have == Dim::None || have == Dim::Pixels || have == Dim::Fraction;
    default: return have == required_dim() || (have == Dim::None && is_zero);
  }
}

std::string Type::accepted_units() const {
  switch (base) {
    case BaseType::Int:
    case BaseType::Color: return "no unit";
    case BaseType::Float:
    case BaseType::Count: return "% or no unit";
    case BaseType::Size: return "px, % or no unit";
    default: break;
  }
  std::string units;
  for (const auto& u : all_units())
    if (u.dim == required_dim()) units += (units.empty() ? "" : " or ") + std::string(u.suffix);
  return units;
}

bool Type::is_numeric_scalar() const {
  switch (base) {
    case BaseType::Int:
    case BaseType::Float:
    case BaseType::Angle:
    case BaseType::Duration:
    case BaseType::Frequency:
    case BaseType::Gain:
    case BaseType::Size:
    case BaseType::Count: return true;
    default: return false;
  }
}

}  // namespace auger
