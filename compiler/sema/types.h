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
  // Whether a number with unit `have` may be given for this type (language.md §2): a float or count also takes
  // `%` (`50%` = 0.5), a size `px` and `%`, an angle, duration, frequency or gain its own units (a bare 0 too).
  // The one rule for defaults, arguments, `--set` text and typed values from Python.
  [[nodiscard]] bool accepts_dim(Dim have, bool is_zero) const;
  // Those units in words for messages: "% or no unit", "px, % or no unit", "no unit", "deg or rad".
  [[nodiscard]] std::string accepted_units() const;
  [[nodiscard]] bool is_numeric_scalar() const;
};

// Named types a parameter may use: "int", "float", "angle", …; false for unknown names.
bool builtin_type(const std::string& name, BaseType& out);

}  // namespace auger
