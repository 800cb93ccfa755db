#include "compiler/sema/program.h"

#include <fmt/format.h>

#include <cmath>

namespace auger {

namespace {
bool le(double a, double b) {
  return a <= b + 1e-9 * std::max(1.0, std::abs(b));
}
}  // namespace

bool Domain::contains(double v) const {
  switch (kind) {
    case Kind::IntRange: return std::floor(v) == v && le(lo, v) && le(v, hi);
    case Kind::Interval: return le(lo, v) && le(v, hi);
    case Kind::Set:
      for (const auto& s : set) {
        if (s.kind == Value::Kind::Number && std::abs(s.number - v) <= 1e-9 * std::max(1.0, std::abs(v))) return true;
      }
      return false;
  }
  return false;
}

bool Domain::contains(const Range& r) const {
  if (kind == Kind::Set) return r.lo == r.hi && contains(r.lo);
  if (std::isnan(r.lo) || std::isnan(r.hi)) return false;
  return le(lo, r.lo) && le(r.hi, hi);
}

bool Domain::contains(const Value& v) const {
  if (v.kind == Value::Kind::Number) return contains(v.number);
  if (kind == Kind::Set) {
    for (const auto& s : set) {
      if (s.kind == v.kind && s.text == v.text && s.boolean == v.boolean) return true;
    }
  }
  return false;
}

std::string Domain::to_string() const {
  auto num = [&](double v) { return Value::num(v, std::floor(v) == v && dim == Dim::None, dim).to_string(); };
  switch (kind) {
    case Kind::IntRange:  // not a cast to long long: `0..99999999999999999999` is out of its range
      return fmt::format("{}..{}", Value::num(lo, true).to_string(), Value::num(hi, true).to_string());
    case Kind::Interval: return fmt::format("[{}, {}]", num(lo), num(hi));
    case Kind::Set: {
      std::string out;
      for (const auto& s : set) out += (out.empty() ? "" : ", ") + s.to_string();
      return "{" + out + "}";
    }
  }
  return "?";
}

std::string KindInfo::to_string() const {
  return element.empty() ? kind : kind + "(" + element + ")";
}

const ParamInfo* OpInfo::param(const std::string& n) const {
  for (const auto& p : params) {
    if (p.name == n) return &p;
  }
  return nullptr;
}

const ParamInfo* TransformInfo::param(const std::string& n) const {
  for (const auto& p : params) {
    if (p.name == n) return &p;
  }
  return nullptr;
}

const BoundArg* ElabStmt::arg(const std::string& name) const {
  for (const auto& a : args) {
    if (a.param && a.param->name == name) return &a;
  }
  return nullptr;
}

}  // namespace auger
