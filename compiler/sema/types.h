// Parameter types (language.md §3): scalars with units, lists, intervals, enums.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/sema/units.h"

namespace auger {

struct EnumInfo {
  std::string name;  // "interp"; for an inline enum, "swap_lr | keep"
  std::vector<std::string> values;
  Span span;
  [[nodiscard]] bool has(const std::string& v) const;
  [[nodiscard]] std::string listing() const;  // "nearest, bilinear, bicubic"
};

enum class BaseType {
  Int,
  Float,
  Bool,
  String,
  Angle,
  Duration,
  Frequency,
  Gain,
  Size,      // px (plain or `px`) or a fraction of the extent (`%`); or a list [h, w]
  Count,     // an int, or a fraction of the items (`%`)
  Color,     // a number or a per-channel list
  Interval,  // [lo, hi]
  Enum,
  List,
};

struct Type {
  BaseType base = BaseType::Float;
  std::shared_ptr<const EnumInfo> enumeration;  // Enum
  std::shared_ptr<const Type> element;          // List

  [[nodiscard]] std::string name() const;
  // The unit dimension a scalar of this type must carry (None for int/float/…).
  [[nodiscard]] Dim required_dim() const;
  [[nodiscard]] bool is_numeric_scalar() const;
};

// Named types a parameter may use: "int", "float", "angle", …; false for unknown names.
bool builtin_type(const std::string& name, BaseType& out);

}  // namespace auger
