// The search space of `auger search`: a policy's parameters that have a domain (an int range, a float interval, a
// set) or a finite type (an enum, a bool), and the trial bindings drawn from it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/sema/program.h"

namespace auger::engine::search {

struct SearchParam {
  enum class Kind { Int, Float, Choice } kind = Kind::Float;
  std::string name;
  double lo = 0, hi = 0;                          // Int, Float: the closed domain, in the stored unit
  Dim dim = Dim::None;                            // Float: degrees, seconds, … (its `--set` text carries the unit)
  std::vector<nlohmann::json> choices;            // Choice: each value as JSON (a number, a bool, a string)
  std::vector<std::string> choice_texts;          // Choice: each value as `--set` writes it
  [[nodiscard]] std::string domain_text() const;  // "0..30", "[0, 1]", "{nearest, bilinear}"
};

struct SearchSpace {
  std::vector<SearchParam> params;
  [[nodiscard]] const SearchParam* find(const std::string& name) const;
};

// One parameter's value in a trial: as JSON (for reports, AUGER_TRIAL_ARGS) and as `--set` text.
struct Binding {
  std::string name;
  nlohmann::json value;
  std::string text;
};
using Bindings = std::vector<Binding>;  // in the space's order

SearchSpace search_space(const PolicyInfo& policy);

// A number of a parameter as its binding (an Int rounds to the nearest integer).
Binding number_binding(const SearchParam& p, double v);
// The choice at `index` of a Choice parameter.
Binding choice_binding(const SearchParam& p, std::size_t index);
// A parameter fixed by `--set` (not searched, passed to every trial as given).
Binding fixed_binding(const std::string& name, const Value& v, const std::string& text);
// A value given as JSON (an Optuna trial's parameter): its binding, or an error.
std::string binding_from_json(const SearchParam& p, const nlohmann::json& v, Binding& out);

nlohmann::json bindings_json(const Bindings& b);      // {"magnitude": 9, "p": 0.5}
std::string bindings_set_form(const Bindings& b);     // "magnitude=9 p=0.5" (the `--set` words)
nlohmann::json space_json(const SearchSpace& space);  // what the Optuna driver is told

}  // namespace auger::engine::search
