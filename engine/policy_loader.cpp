#include "engine/policy_loader.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <charconv>
#include <cmath>

#include "compiler/base/limits.h"
#include "compiler/base/read_source.h"
#include "compiler/ir/build.h"
#include "compiler/ir/op_records_check.h"
#include "engine/background_dirs.h"

namespace auger::engine {

namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

std::string sha256_file(const std::string& path) {
  // The same guarded read as the compiler's: a path swapped for a FIFO or a huge file after checking is refused.
  const SourceRead read = read_source_file(path, limits::kMaxFileBytes);
  if (!read.text) return "";
  const std::string& bytes = *read.text;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

namespace {

std::string check_value_of(const Type& t, const std::string& name, const std::string& shown, Value& v);

// A number given for a scalar of type `t`, by the language's rules for a value written in the file (Type's
// accepts_dim: `50%` for a float, `30deg` for an angle, a whole `3.0` for an int).
std::string check_number(const Type& t, const std::string& name, const std::string& shown, Value& v) {
  if (v.kind != Value::Kind::Number)
    return fmt::format("expected {} (a number) for {}, got `{}`", t.name(), name, shown);
  const Dim need = t.required_dim();
  if (!t.accepts_dim(v.dim, v.number == 0)) {
    if (need != Dim::None && v.dim == Dim::None)
      return fmt::format("`{}` needs a unit: {} is {} (e.g. `{}{}`)", shown, name, dim_name(need), shown,
                         dim_example_unit(need));
    return fmt::format("`{}` is {}, but {} ({}) takes {}", shown, dim_name(v.dim), name, t.name(), t.accepted_units());
  }
  const bool wants_int = t.base == BaseType::Int || (t.base == BaseType::Count && v.dim == Dim::None);
  if (wants_int && std::floor(v.number) != v.number)
    return fmt::format("{} ({}) takes a whole number, `{}` is not", name, t.name(), shown);
  if (wants_int) v.is_int = true;
  if (v.dim == Dim::None) v.dim = need;
  return "";
}

// The items of a list-shaped value: a list's elements, a size's [h, w], a colour's channels, an interval's bounds.
std::string check_items(const Type& t, const std::string& name, const std::string& shown, Value& v) {
  const std::size_t n = v.items.size();
  if (t.base == BaseType::Interval) {
    if (n != 2) return fmt::format("{} is an interval `[lo, hi]`, `{}` is not", name, shown);
    for (auto& item : v.items)
      if (item.kind != Value::Kind::Number)
        return fmt::format("{} is an interval of numbers, `{}` is not", name, shown);
    if (v.items[0].dim != v.items[1].dim) return fmt::format("both bounds of {} need the same unit", name);
    if (v.items[0].number > v.items[1].number) return fmt::format("{}: the low bound is above the high bound", name);
    return "";
  }
  if (t.base == BaseType::Size && n != 2) return fmt::format("{} is a size `n` or `[h, w]`, `{}` is not", name, shown);
  if (t.base == BaseType::Color && n != 1 && n != 3 && n != 4)
    return fmt::format("{} is a colour: a number or one per channel, `{}` is not", name, shown);
  Type scalar = t;
  if (t.base == BaseType::List) scalar = t.element ? *t.element : Type{};
  for (auto& item : v.items) {
    if (auto bad = check_value_of(scalar, name, item.to_string(), item); !bad.empty()) return bad;
  }
  return "";
}

// One value (or list item) against a type; the domain is the caller's.
std::string check_value_of(const Type& t, const std::string& name, const std::string& shown, Value& v) {
  const bool listed = t.base == BaseType::List || t.base == BaseType::Interval ||
                      (v.kind == Value::Kind::List && (t.base == BaseType::Size || t.base == BaseType::Color));
  if (listed) {
    if (v.kind != Value::Kind::List) return fmt::format("expected {} (a list) for {}, got `{}`", t.name(), name, shown);
    return check_items(t, name, shown, v);
  }
  switch (t.base) {
    case BaseType::String:
      return v.kind == Value::Kind::String ? ""
                                           : fmt::format("{} is a string in double quotes, `{}` is not", name, shown);
    case BaseType::Bool: return v.kind == Value::Kind::Bool ? "" : "expected true or false";
    case BaseType::Enum:
      return v.kind == Value::Kind::Enum && t.enumeration && t.enumeration->has(v.text)
                 ? ""
                 : fmt::format("`{}` is not one of {}", shown, t.enumeration ? t.enumeration->listing() : "its values");
    default: return check_number(t, name, shown, v);
  }
}

// The checks every argument passes, however it was given.
std::string check_value(const ParamInfo& param, const std::string& shown, Value& v) {
  if (auto bad = check_value_of(param.type, param.name, shown, v); !bad.empty()) return bad;
  if (param.domain && !param.domain->contains(v))
    return fmt::format("{} is outside {}'s domain {}", v.to_string(), param.name, param.domain->to_string());
  for (const auto& feed : param.feeds)  // a parameter without a domain of its own: the ops' it is passed to
    if (!feed.domain.contains(v))
      return fmt::format(
          "{} is outside {}, the domain of the op argument `{}` that `{}` is passed to (a domain on "
          "`{}` in the file would say so up front)",
          v.to_string(), feed.domain.to_string(), feed.what, param.name, param.name);
  return "";
}

std::string join_or_none(const std::vector<std::string>& names) {
  return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "));
}

const ParamInfo* find_param(const PolicyInfo& policy, const std::string& name, LoadResult& why) {
  for (const auto& p : policy.params)
    if (p.name == name) return &p;
  std::vector<std::string> ps;
  for (const auto& p : policy.params) ps.push_back(p.name);
  why = {LoadStatus::Usage,
         fmt::format("policy `{}` has no parameter `{}` (its parameters: {})", policy.name, name, join_or_none(ps))};
  return nullptr;
}

LoadResult choose_policy(const std::string& file, const std::string& wanted, LoadedPolicy& out) {
  const auto names = policy_names(*out.module);
  std::string chosen = wanted;
  if (chosen.empty()) {
    if (names.size() != 1)
      return {LoadStatus::Usage, fmt::format("`{}` has {} policies ({}); choose one with --policy", file, names.size(),
                                             join_or_none(names))};
    chosen = names.front();
  }
  for (const auto& p : out.module->policies)
    if (p->name == chosen) out.policy = p.get();
  if (!out.policy)
    return {LoadStatus::Usage,
            fmt::format("`{}` has no policy `{}` (its policies: {})", file, chosen, join_or_none(names))};
  return {};
}

LoadResult bind_sets(const std::vector<std::string>& sets, LoadedPolicy& out) {
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      return {LoadStatus::Usage, fmt::format("--set expects name=value, got `{}`", s)};
    LoadResult why;
    const ParamInfo* param = find_param(*out.policy, s.substr(0, eq), why);
    if (!param) return why;
    Value v;
    if (auto bad = parse_override(*param, s.substr(eq + 1), v); !bad.empty())
      return {LoadStatus::InputErrors, fmt::format("--set {}: {}", s, bad)};
    out.overrides[param->name] = v;
  }
  return {};
}

LoadResult bind_args(const std::map<std::string, ArgValue>& args, LoadedPolicy& out) {
  for (const auto& [name, value] : args) {
    LoadResult why;
    const ParamInfo* param = find_param(*out.policy, name, why);
    if (!param) return why;
    Value v;
    if (auto bad = bind_argument(*param, value, v); !bad.empty())
      return {LoadStatus::InputErrors, fmt::format("argument `{}`: {}", name, bad)};
    out.overrides[name] = v;
  }
  return {};
}

// Text the caller's own language has a typed value for (`'9'`, `'0.5'`, `'true'`): a typed caller (Python, C++)
// passes the number or bool itself, so a string holding one is a mistake (a value read from a config file as text,
// say) rather than a way to write it (docs/cli.md, Python).
bool spells_typed_value(const std::string& s) {
  if (s == "true" || s == "false") return true;
  double d = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, d);
  return !s.empty() && ec == std::errc() && ptr == end;
}

}  // namespace

std::string parse_override(const ParamInfo& param, const std::string& text, Value& out) {
  const Type& t = param.type;
  if (t.base == BaseType::Enum) {
    if (!t.enumeration || !t.enumeration->has(text))
      return fmt::format("`{}` is not one of {}", text, t.enumeration ? t.enumeration->listing() : "its values");
    out.kind = Value::Kind::Enum;
    out.text = text;
    return "";
  }
  if (t.base == BaseType::Bool) {
    if (text != "true" && text != "false") return "expected true or false";
    out.kind = Value::Kind::Bool;
    out.boolean = text == "true";
    return "";
  }
  if (is_identifier(text) && t.base != BaseType::String)
    return fmt::format("`{}` is not a value of type {}", text, t.name());
  // A string is given as it is (`--set lang=de`, as an enum member is); one in double quotes is a literal of the
  // language (`--set 'lang="de"'`), the way to write escapes (docs/cli.md).
  if (t.base == BaseType::String && (text.empty() || text.front() != '"')) {
    out.kind = Value::Kind::String;
    out.text = text;
    return check_value(param, text, out);
  }
  // Anything else is an expression of the language, folded by the front end: `12`, `30deg`, `[0.1, 0.2]`, `3/4`.
  Compilation scratch;
  const Module* m = scratch.check_text("<--set>", "const value = " + text + "\n");
  if (!m || scratch.diags().has_errors() || !m->consts.count("value"))
    return fmt::format("`{}` is not a constant expression", text);
  Value v = m->consts.at("value");
  if (auto bad = check_value(param, text, v); !bad.empty()) return bad;
  out = v;
  return "";
}

std::string bind_argument(const ParamInfo& param, const ArgValue& value, Value& out) {
  Value v;
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (param.type.base != BaseType::String && spells_typed_value(*s))
      return fmt::format(
          "'{}' is a string: pass {} itself (a string is for a value with a unit, like '30deg', or an "
          "enum member)",
          *s, *s == "true" || *s == "false" ? "the bool" : "the number");
    if (param.type.base != BaseType::String) return parse_override(param, *s, out);
    v.kind = Value::Kind::String;
    v.text = *s;
  } else if (const auto* b = std::get_if<bool>(&value)) {
    v.kind = Value::Kind::Bool;
    v.boolean = *b;
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    v = Value::num(static_cast<double>(*i), true);
  } else if (const auto* d = std::get_if<double>(&value)) {
    v = Value::num(*d, false);
  } else {
    v.kind = Value::Kind::List;
    // Python gives [224, 224] and [0.08, 1.0] alike as numbers; whole ones count as ints, as `[224, 224]` would.
    for (double x : std::get<std::vector<double>>(value))
      v.items.push_back(Value::num(x, std::trunc(x) == x && std::fabs(x) < 9.0e15));
  }
  Value checked = v;
  if (auto bad = check_value(param, v.to_string(), checked); !bad.empty()) return bad;
  out = checked;
  return "";
}

LoadResult load_policy(const PolicyRequest& request, const LoadOptions& options, LoadedPolicy& out) {
  CheckOptions co;
  co.include_paths = options.include_paths;
  if (!options.stdlib_dir.empty()) co.stdlib_dir = options.stdlib_dir;
  out.comp = std::make_unique<Compilation>(co);
  out.module = out.comp->check_file(request.file);
  if (!out.module || out.comp->diags().has_errors()) return {LoadStatus::InputErrors, ""};
  if (const auto bad = ir::op_record_mismatches(out.comp->prelude_ops()); !bad.empty())
    return {LoadStatus::InputErrors,
            fmt::format("the standard library{} and this auger disagree on its ops: {}",
                        options.stdlib_dir.empty() ? "" : " at " + options.stdlib_dir, fmt::join(bad, "; "))};
  if (auto r = choose_policy(request.file, request.policy, out); !r.ok()) return r;
  if (auto r = bind_sets(request.sets, out); !r.ok()) return r;
  if (auto r = bind_args(request.args, out); !r.ok()) return r;
  out.fn = ir::build_ir(*out.policy, out.overrides, &out.comp->sources());
  if (auto bad = check_background_dirs(out.fn); !bad.empty()) return {LoadStatus::InputErrors, bad};
  out.file_sha256 = sha256_file(request.file);
  return {};
}

bool has_batch_block(const LoadedPolicy& lp) {
  bool batch = false;
  ir::for_each_node(lp.fn, [&](const ir::Node& n) { batch = batch || n.kind == ir::NodeKind::Batch; });
  return batch;
}

}  // namespace auger::engine
