#include "runtime/ops/args.h"

#include <cmath>
#include <stdexcept>

namespace auger::rt {

const ArgValue* Args::find(const std::string& name) const {
  for (const auto& [k, v] : items_)
    if (k == name) return &v;
  return nullptr;
}

const ArgValue& Args::get(const std::string& name) const {
  if (const auto* v = find(name)) return *v;
  throw std::out_of_range("missing argument `" + name + "`");
}

void Args::set(const std::string& name, ArgValue v) {
  for (auto& [k, old] : items_)
    if (k == name) {
      old = std::move(v);
      return;
    }
  items_.emplace_back(name, std::move(v));
}

void Args::erase(const std::string& name) {
  std::erase_if(items_, [&](const auto& kv) { return kv.first == name; });
}

double Args::number(const std::string& name, double fallback) const {
  const auto* v = find(name);
  if (!v) return fallback;
  if (v->kind == ArgValue::Kind::List) return v->list.empty() ? fallback : v->list.front();
  if (v->kind == ArgValue::Kind::Bool) return v->boolean ? 1 : 0;
  return v->number;
}

int Args::integer(const std::string& name, int fallback) const {
  return static_cast<int>(std::lround(number(name, fallback)));
}

std::vector<double> Args::list(const std::string& name) const {
  const auto* v = find(name);
  if (!v) return {};
  if (v->kind == ArgValue::Kind::List) return v->list;
  return {v->number};
}

std::string Args::text(const std::string& name, const std::string& fallback) const {
  const auto* v = find(name);
  return v && v->kind == ArgValue::Kind::Enum ? v->text : fallback;
}

bool Args::flag(const std::string& name, bool fallback) const {
  const auto* v = find(name);
  if (!v) return fallback;
  return v->kind == ArgValue::Kind::Bool ? v->boolean : v->number != 0;
}

}  // namespace auger::rt
