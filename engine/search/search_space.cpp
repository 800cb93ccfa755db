#include "engine/search/search_space.h"

#include <fmt/format.h>

#include <cmath>

namespace auger::engine::search {

namespace {

// A number as `--set` reads it back: shortest round-trip digits, in the parameter's stored unit.
std::string number_text(double v, bool is_int, Dim dim) {
  const std::string n = is_int ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{}", v);
  switch (dim) {
    case Dim::None: return n;
    case Dim::Angle: return n + "deg";
    case Dim::Duration: return n + "s";
    case Dim::Frequency: return n + "Hz";
    case Dim::Gain: return n + "dB";
    case Dim::Pixels: return n + "px";
    case Dim::Fraction: return fmt::format("{}%", v * 100);
  }
  return n;
}

nlohmann::json value_json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Number:
      return v.is_int ? nlohmann::json(static_cast<long long>(v.number)) : nlohmann::json(v.number);
    case Value::Kind::Bool: return v.boolean;
    default: return v.text;  // an enum member or a string
  }
}

// The `--set` text of a set member: a string is given bare (bind_argument takes it as is), the rest as written.
std::string value_text(const Value& v) {
  return v.kind == Value::Kind::String ? v.text : v.to_string();
}

void add_choices(SearchParam& p, const std::vector<Value>& values) {
  p.kind = SearchParam::Kind::Choice;
  for (const auto& v : values) {
    p.choices.push_back(value_json(v));
    p.choice_texts.push_back(value_text(v));
  }
}

std::optional<SearchParam> param_space(const ParamInfo& info) {
  SearchParam p;
  p.name = info.name;
  p.dim = info.type.required_dim();
  if (info.domain) {
    const Domain& d = *info.domain;
    if (d.kind == Domain::Kind::Set) {
      add_choices(p, d.set);
      return p;
    }
    p.kind = d.kind == Domain::Kind::IntRange || info.type.base == BaseType::Int ? SearchParam::Kind::Int
                                                                                 : SearchParam::Kind::Float;
    p.lo = d.lo;
    p.hi = d.hi;
    if (p.kind == SearchParam::Kind::Int) {
      p.lo = std::ceil(p.lo);
      p.hi = std::floor(p.hi);
    }
    return p;
  }
  if (info.type.base == BaseType::Bool) {
    Value f, t;
    f.kind = t.kind = Value::Kind::Bool;
    t.boolean = true;
    add_choices(p, {f, t});
    return p;
  }
  if (info.type.base == BaseType::Enum && info.type.enumeration) {
    std::vector<Value> members;
    for (const auto& name : info.type.enumeration->values) {
      Value v;
      v.kind = Value::Kind::Enum;
      v.text = name;
      members.push_back(v);
    }
    add_choices(p, members);
    return p;
  }
  return std::nullopt;  // no finite or bounded set of values: not searched
}

}  // namespace

std::string SearchParam::domain_text() const {
  switch (kind) {
    case Kind::Int: return fmt::format("{}..{}", static_cast<long long>(lo), static_cast<long long>(hi));
    case Kind::Float: return fmt::format("[{}, {}]", number_text(lo, false, dim), number_text(hi, false, dim));
    case Kind::Choice: return fmt::format("{{{}}}", fmt::join(choice_texts, ", "));
  }
  return "?";
}

const SearchParam* SearchSpace::find(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

SearchSpace search_space(const PolicyInfo& policy) {
  SearchSpace space;
  for (const auto& info : policy.params) {
    if (info.broken) continue;
    if (auto p = param_space(info)) space.params.push_back(std::move(*p));
  }
  return space;
}

Binding number_binding(const SearchParam& p, double v) {
  if (p.kind == SearchParam::Kind::Int) {
    const double r = std::round(v);
    return {p.name, nlohmann::json(static_cast<long long>(r)), number_text(r, true, p.dim)};
  }
  return {p.name, nlohmann::json(v), number_text(v, false, p.dim)};
}

Binding fixed_binding(const std::string& name, const Value& v, const std::string& text) {
  return {name, value_json(v), text};
}

Binding choice_binding(const SearchParam& p, std::size_t index) {
  return {p.name, p.choices.at(index), p.choice_texts.at(index)};
}

std::string binding_from_json(const SearchParam& p, const nlohmann::json& v, Binding& out) {
  if (p.kind == SearchParam::Kind::Choice) {
    for (std::size_t i = 0; i < p.choices.size(); ++i) {
      if (p.choices[i] == v || p.choice_texts[i] == v) {
        out = choice_binding(p, i);
        return "";
      }
    }
    return fmt::format("{} is not one of {}", v.dump(), p.domain_text());
  }
  if (!v.is_number()) return fmt::format("{} is not a number", v.dump());
  out = number_binding(p, v.get<double>());
  return "";
}

nlohmann::json bindings_json(const Bindings& b) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& x : b) out[x.name] = x.value;
  return out;
}

std::string bindings_set_form(const Bindings& b) {
  std::string out;
  for (const auto& x : b) out += (out.empty() ? "" : " ") + x.name + "=" + x.text;
  return out;
}

nlohmann::json space_json(const SearchSpace& space) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : space.params) {
    nlohmann::json j = {{"name", p.name}};
    if (p.kind == SearchParam::Kind::Choice) {
      j["kind"] = "choice";
      j["choices"] = p.choices;
    } else {
      j["kind"] = p.kind == SearchParam::Kind::Int ? "int" : "float";
      j["low"] = p.lo;
      j["high"] = p.hi;
    }
    out.push_back(j);
  }
  return out;
}

}  // namespace auger::engine::search
