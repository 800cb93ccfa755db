#include "runtime/io/label_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "runtime/io/source.h"

namespace auger::rt::io {

namespace {

std::string type_text(const LabelRule& r) {
  static constexpr const char* kNames[] = {"class", "multilabel", "soft", "tags"};
  return fmt::format("{}({}){}", kNames[static_cast<int>(r.kind)], r.classes, r.list ? "[]" : "");
}

// "label", "classes[3]", "tags[0][2]": where in the sample the value sits.
std::string at(const std::string& where, std::size_t index) {
  return fmt::format("{}[{}]", where, index);
}

// A value as JSON for a message, cut short: a label can be any size a hostile file makes it.
template <class Json>
std::string shown(const Json& v) {
  std::string s = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (s.size() > 64) s = s.substr(0, 60) + " ...";
  return s;
}

[[noreturn]] void refuse(const std::string& where, const std::string& what) {
  throw SourceError(fmt::format("{}: {}", where, what));
}

// One class index: an integer JSON number in 0..N-1.
template <class Json>
void check_index(const LabelRule& r, const Json& v, const std::string& where, const std::vector<std::string>& names) {
  const std::string range = r.classes > 0 ? fmt::format("0..{}", r.classes - 1) : "no classes";
  if (!v.is_number_integer())
    refuse(where, fmt::format("{} is not a class index of {} (an integer {})", shown(v), type_text(r), range));
  const bool negative = v.is_number_integer() && !v.is_number_unsigned() && v.template get<std::int64_t>() < 0;
  if (!negative && v.template get<std::uint64_t>() < static_cast<std::uint64_t>(r.classes)) return;
  std::string named;
  if (!negative && v.template get<std::uint64_t>() < names.size())
    named = fmt::format(" (\"{}\")", names[v.template get<std::size_t>()]);
  refuse(where, fmt::format("{}{} is outside {} ({})", shown(v), named, type_text(r), range));
}

// A set of class ids: a list of indices.
template <class Json>
void check_multilabel(const LabelRule& r, const Json& v, const std::string& where,
                      const std::vector<std::string>& names) {
  if (!v.is_array()) refuse(where, fmt::format("{} is not a list of class indices for {}", shown(v), type_text(r)));
  for (std::size_t k = 0; k < v.size(); ++k) check_index(r, v[k], at(where, k), names);
}

// A probability vector of N finite values in [0, 1]; a bare class index is a one-hot one (as the loader reads it).
template <class Json>
void check_soft(const LabelRule& r, const Json& v, const std::string& where, const std::vector<std::string>& names) {
  if (v.is_number_integer()) return check_index(r, v, where, names);
  if (!v.is_array() || v.size() != static_cast<std::size_t>(r.classes))
    refuse(where,
           fmt::format("{} is not {} probabilities for {}",
                       v.is_array() ? fmt::format("a list of {}", v.size()) : shown(v), r.classes, type_text(r)));
  for (std::size_t k = 0; k < v.size(); ++k) {
    const bool ok = v[k].is_number() && std::isfinite(v[k].template get<double>()) &&
                    v[k].template get<double>() >= 0 && v[k].template get<double>() <= 1;
    if (!ok) refuse(at(where, k), fmt::format("{} is not a probability (0..1) of {}", shown(v[k]), type_text(r)));
  }
}

// One token's tag: a class id in 0..N-1, or a name (a schema's `tags(N)` fixes how many tags there are, not their
// names: a name is the data's own, as CoNLL writes "B-PER"; docs/text.md).
template <class Json>
void check_tag(const LabelRule& r, const Json& v, const std::string& where) {
  if (v.is_string()) return;
  if (!v.is_number_integer())
    refuse(where,
           fmt::format("{} is not a tag of {} (a name or a class index 0..{})", shown(v), type_text(r), r.classes - 1));
  check_index(r, v, where, {});  // the source's class names are not tag names
}

template <class Json>
void check_value(const LabelRule& r, const Json& v, const std::string& where, const std::vector<std::string>& names) {
  switch (r.kind) {
    case LabelRule::Kind::Class: return check_index(r, v, where, names);
    case LabelRule::Kind::MultiLabel: return check_multilabel(r, v, where, names);
    case LabelRule::Kind::Soft: return check_soft(r, v, where, names);
    case LabelRule::Kind::Tag: return check_tag(r, v, where);
  }
}

// "1 entry", "3 boxes".
std::string count(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Every per-box list the sample has must be as long as one of its box lists: labels matched to boxes by position
// would otherwise land on the wrong boxes (or on none), silently.
template <class Json>
void check_per_box(const LabelRules& rules, const Json& fields) {
  std::vector<std::pair<std::string, std::size_t>> boxes;  // the sample's box lists and their lengths
  for (const auto& name : rules.box_lists)
    if (const auto it = fields.find(name); it != fields.end() && it->is_array()) boxes.emplace_back(name, it->size());
  if (boxes.empty()) return;
  for (const auto& r : rules.per_box) {
    const auto it = fields.find(r.field);
    if (it == fields.end() || !it->is_array()) continue;  // absent or null; not a list: the range check says so
    const std::size_t n = it->size();
    if (std::any_of(boxes.begin(), boxes.end(), [n](const auto& b) { return b.second == n; })) continue;
    const std::string has = count(n, "entry", "entries");
    const std::string why = fmt::format("{} has one entry per box", r.type);
    if (boxes.size() == 1)
      refuse(r.field,
             fmt::format("{} but `{}` has {}; {}", has, boxes[0].first, count(boxes[0].second, "box", "boxes"), why));
    std::vector<std::string> lists;
    for (const auto& [name, size] : boxes) lists.push_back(fmt::format("`{}` has {}", name, size));
    refuse(r.field, fmt::format("{} but no box list has as many ({}); {}", has, fmt::join(lists, ", "), why));
  }
}

template <class Json>
void check_all(const LabelRules& rules, const Json& fields, const std::vector<std::string>& class_names) {
  check_per_box(rules, fields);
  for (const auto& r : rules.rules) {
    const auto it = fields.find(r.field);
    if (it == fields.end() || it->is_null()) continue;
    if (!r.list) {
      check_value(r, *it, r.field, class_names);
      continue;
    }
    if (!it->is_array()) refuse(r.field, fmt::format("{} is not a list, as {} is", shown(*it), type_text(r)));
    for (std::size_t k = 0; k < it->size(); ++k) check_value(r, (*it)[k], at(r.field, k), class_names);
  }
}

}  // namespace

LabelRules label_rules(const labels::LabelSchema& schema) {
  LabelRules out;
  for (const auto& f : schema.fields) {
    if (f.kind == "boxes") out.box_lists.push_back(f.name);
    LabelRule r{f.name, LabelRule::Kind::Class, f.classes, f.list};
    if (f.kind == "multilabel")
      r.kind = LabelRule::Kind::MultiLabel;
    else if (f.kind == "soft")
      r.kind = LabelRule::Kind::Soft;
    else if (f.kind == "tags")
      r.kind = LabelRule::Kind::Tag;
    else if (f.kind != "class")
      continue;
    if (r.list && r.kind != LabelRule::Kind::Tag) out.per_box.push_back({f.name, type_text(r)});
    out.rules.push_back(std::move(r));
  }
  if (out.box_lists.empty()) out.per_box.clear();  // without boxes a list is the sample's own (tags, say)
  return out;
}

void check_labels(const LabelRules& rules, const nlohmann::json& fields, const std::vector<std::string>& class_names) {
  check_all(rules, fields, class_names);
}

void check_labels(const LabelRules& rules, const nlohmann::ordered_json& fields,
                  const std::vector<std::string>& class_names) {
  check_all(rules, fields, class_names);
}

}  // namespace auger::rt::io
