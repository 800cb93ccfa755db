// The concrete arguments of one op application after sampling: every random value drawn, every default filled,
// and the op's own internal draws (crop box, erasing rectangle, …) resolved. This is what the reference and the
// fused paths run and what `auger apply` reports in "params".
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace auger::rt {

struct ArgValue {
  enum class Kind { Number, List, Enum, Bool } kind = Kind::Number;
  double number = 0;            // angles in degrees, durations in seconds, gains in dB (the front end's stored units)
  bool fraction = false;        // written with `%` (0.5 = 50%): a fraction of the extent; resolve() turns it into px
  std::vector<bool> fractions;  // List: per element (`[10%, 5]`); empty when no element is a `%`
  bool is_int = false;
  std::vector<double> list;  // List (a colour, an interval, mean/std, [h, w])
  std::string text;          // Enum
  bool boolean = false;      // Bool

  // Whether list element i (or the number itself) was written with `%`.
  [[nodiscard]] bool is_fraction(std::size_t i) const { return i < fractions.size() ? fractions[i] : fraction; }

  static ArgValue num(double v, bool is_int = false) {
    ArgValue a;
    a.number = v;
    a.is_int = is_int;
    return a;
  }
  static ArgValue of_list(std::vector<double> v) {
    ArgValue a;
    a.kind = Kind::List;
    a.list = std::move(v);
    return a;
  }
  static ArgValue of_enum(std::string s) {
    ArgValue a;
    a.kind = Kind::Enum;
    a.text = std::move(s);
    return a;
  }
  static ArgValue of_bool(bool b) {
    ArgValue a;
    a.kind = Kind::Bool;
    a.boolean = b;
    return a;
  }
};

// Named arguments in insertion order (the op's declaration order, then resolved internal values).
class Args {
 public:
  [[nodiscard]] bool has(const std::string& name) const { return find(name) != nullptr; }
  [[nodiscard]] const ArgValue* find(const std::string& name) const;
  [[nodiscard]] const ArgValue& get(const std::string& name) const;  // throws std::out_of_range when absent
  void set(const std::string& name, ArgValue v);
  void erase(const std::string& name);

  // Typed getters; `fallback` when absent. number() of a one-element list is that element.
  [[nodiscard]] double number(const std::string& name, double fallback = 0) const;
  [[nodiscard]] int integer(const std::string& name, int fallback = 0) const;
  [[nodiscard]] std::vector<double> list(const std::string& name) const;  // a number becomes a 1-element list
  [[nodiscard]] std::string text(const std::string& name, const std::string& fallback = "") const;
  [[nodiscard]] bool flag(const std::string& name, bool fallback = false) const;

  [[nodiscard]] const std::vector<std::pair<std::string, ArgValue>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, ArgValue>> items_;
};

}  // namespace auger::rt
