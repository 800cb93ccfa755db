// Top-level declarations: collecting names, enums, constants, types, domains, parameters, schemas, ops.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "compiler/base/limits.h"
#include "compiler/sema/audio_args.h"
#include "compiler/sema/checker.h"

namespace auger {

std::string with_article(SymbolKind k) {
  auto name = std::string(symbol_kind_name(k));
  return (k == SymbolKind::Enum || k == SymbolKind::Op ? "an " : "a ") + name;
}

std::string_view symbol_kind_name(SymbolKind k) {
  switch (k) {
    case SymbolKind::Const: return "constant";
    case SymbolKind::Enum: return "enum";
    case SymbolKind::Sample: return "sample schema";
    case SymbolKind::Transform: return "transform";
    case SymbolKind::Policy: return "policy";
    case SymbolKind::Op: return "op";
  }
  return "name";
}

// A transform's doc is the block of comment lines right above it (the grammar has no `doc` clause there).
std::string Checker::doc_comment(const Module& m, Span decl) const {
  if (!m.ast || !decl.valid()) return {};
  std::uint32_t want = sources.line_col(decl.file, decl.begin).line;
  std::vector<std::string> lines;
  for (auto it = m.ast->comments.rbegin(); it != m.ast->comments.rend(); ++it) {
    if (!it->span.valid() || it->span.begin >= decl.begin) continue;
    auto lc = sources.line_col(it->span.file, it->span.begin);
    if (lc.line + 1 != want || lc.col != 1) {
      if (lc.line + 1 < want) break;
      continue;
    }
    std::string text = it->text;
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    lines.insert(lines.begin(), text);
    want = lc.line;
  }
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

void Checker::collect(Module& m) {
  if (!m.ast) return;
  auto declare = [&](const ast::Ident& name, Symbol sym) -> bool {
    if (name.name.empty()) return false;
    sym.span = name.span;
    sym.module = &m;
    if (auto it = m.own.find(name.name); it != m.own.end()) {
      d().report(DiagId::DuplicateDecl, name.span, name.name)
          .note(it->second.span,
                fmt::format("the {} `{}` is declared here", symbol_kind_name(it->second.kind), name.name));
      return false;
    }
    if (!m.is_stdlib && prelude_op(name.name)) {
      d().report(DiagId::ShadowsPrelude, name.span, name.name)
          .note(prelude_op(name.name)->name_span, "the prelude op is declared here");
      return false;
    }
    m.own.emplace(name.name, std::move(sym));
    return true;
  };
  for (const auto& c : m.ast->consts) {
    Symbol s;
    s.kind = SymbolKind::Const;
    s.const_decl = &c;
    declare(c.name, s);
  }
  for (const auto& e : m.ast->enums) {
    auto info = std::make_shared<EnumInfo>();
    info->name = e.name.name;
    info->span = e.span;
    for (const auto& v : e.values) {
      if (info->has(v.name)) {
        d().report(DiagId::DuplicateDecl, v.span, v.name);
        continue;
      }
      info->values.push_back(v.name);
    }
    Symbol s;
    s.kind = SymbolKind::Enum;
    s.enumeration = info;
    declare(e.name, s);
  }
  for (const auto& smp : m.ast->samples) {
    auto info = std::make_unique<SchemaInfo>();
    info->name = smp.name.name;
    info->span = smp.span;
    info->name_span = smp.name.span;
    Symbol s;
    s.kind = SymbolKind::Sample;
    s.sample = info.get();
    if (declare(smp.name, s)) m.samples.push_back(std::move(info));
  }
  for (const auto& op : m.ast->ops) {
    if (!m.is_stdlib) {
      d().report(DiagId::OpDeclOutsideStdlib, op.name.span, op.name.name)
          .note({}, "write a `transform` to combine ops; new primitives need a C++ implementation in the stdlib");
      continue;
    }
    auto info = std::make_unique<OpInfo>();
    info->name = op.name.name;
    info->span = op.span;
    info->name_span = op.name.span;
    info->file = m.file;
    Symbol s;
    s.kind = SymbolKind::Op;
    s.op = info.get();
    if (declare(op.name, s)) m.ops.push_back(std::move(info));
  }
  for (const auto& t : m.ast->transforms) {
    auto info = std::make_unique<TransformInfo>();
    info->doc = doc_comment(m, t.span);
    info->name = t.name.name;
    info->ast = &t;
    info->module = &m;
    info->span = t.span;
    info->name_span = t.name.span;
    Symbol s;
    s.kind = SymbolKind::Transform;
    s.transform = info.get();
    if (declare(t.name, s)) m.transforms.push_back(std::move(info));
  }
  for (const auto& p : m.ast->policies) {
    auto info = std::make_unique<PolicyInfo>();
    info->name = p.name.name;
    info->ast = &p;
    info->span = p.span;
    info->name_span = p.name.span;
    info->header_span = p.header_span;
    info->deterministic = p.deterministic;
    Symbol s;
    s.kind = SymbolKind::Policy;
    s.policy = info.get();
    // A policy whose name is taken (E0203, E0206) is still checked: nothing refers to a policy by name inside
    // the language, and its body's errors would otherwise appear only after the rename.
    if (declare(p.name, s) || !p.name.name.empty()) m.policies.push_back(std::move(info));
  }
}

const Value* Checker::const_value(Module& m, const std::string& name, Span use) {
  auto it = m.own.find(name);
  if (it == m.own.end() || it->second.kind != SymbolKind::Const) return nullptr;
  if (auto v = m.consts.find(name); v != m.consts.end()) return &v->second;
  const auto* decl = it->second.const_decl;
  if (!decl || !decl->value) return nullptr;
  if (consts_failed_.count({&m, name})) return nullptr;
  if (consts_in_progress_.count({&m, name})) {
    d().report(DiagId::ConstCycle, use, name).note(decl->name.span, "the constant is declared here");
    return nullptr;
  }
  // Each constant defined by another is a nested evaluation: bound the recursion. Reported once per check;
  // the constants above the limit then fail quietly instead of repeating it every kMaxConstDepth constants.
  if (consts_in_progress_.size() >= limits::kMaxConstDepth) {
    if (!const_depth_reported_)
      d().report(DiagId::LimitExceeded, use, "constants are defined by constants too deeply",
                 std::to_string(limits::kMaxConstDepth) + " constants, each defined by the next");
    const_depth_reported_ = true;
    consts_failed_.insert({&m, name});
    return nullptr;
  }
  consts_in_progress_.insert({&m, name});
  Env env;
  env.module = &m;
  env.context = "a constant";
  auto e = check_expr(*decl->value, nullptr, env);
  consts_in_progress_.erase({&m, name});
  if (!e) {
    consts_failed_.insert({&m, name});
    return nullptr;
  }
  std::string err;
  auto v = fold(*e, &err);
  if (!v) {
    if (!err.empty()) d().report(DiagId::ConstEvalError, decl->value->span, err);
    consts_failed_.insert({&m, name});
    return nullptr;
  }
  auto [pos, ok] = m.consts.emplace(name, *v);
  (void)ok;
  it->second.constant = &pos->second;
  return &pos->second;
}

std::optional<Type> Checker::resolve_type(Module& m, const ast::TypeRef& t) {
  Type out;
  switch (t.kind) {
    case ast::TypeRef::Kind::List: {
      if (!t.element) return std::nullopt;
      auto el = resolve_type(m, *t.element);
      if (!el) return std::nullopt;
      out.base = BaseType::List;
      out.element = std::make_shared<Type>(*el);
      return out;
    }
    case ast::TypeRef::Kind::InlineEnum: {
      auto info = std::make_shared<EnumInfo>();
      info->span = t.span;
      for (const auto& v : t.enum_values) {
        if (!info->has(v.name)) info->values.push_back(v.name);
      }
      info->name = fmt::format("{}", fmt::join(info->values, " | "));
      out.base = BaseType::Enum;
      out.enumeration = info;
      return out;
    }
    case ast::TypeRef::Kind::Named: {
      if (builtin_type(t.name.name, out.base)) return out;
      const auto* sym = lookup(m, t.name.name);
      if (sym && sym->kind == SymbolKind::Enum) {
        out.base = BaseType::Enum;
        out.enumeration = sym->enumeration;
        return out;
      }
      std::vector<std::string> names = {"int",       "float", "bool", "string", "angle", "duration",
                                        "frequency", "gain",  "size", "count",  "color", "interval"};
      for (const auto& n : visible_names(m, SymbolKind::Enum)) names.push_back(n);
      auto& diag = d().report(DiagId::UnknownType, t.name.span, t.name.name);
      // Other languages' spellings first: edit distance alone would offer `interp` for `integer`.
      static const std::map<std::string, std::string> aliases = {
          {"integer", "int"}, {"boolean", "bool"}, {"str", "string"}, {"double", "float"}, {"number", "float"}};
      if (auto a = aliases.find(t.name.name); a != aliases.end())
        diag.fix(t.name.span, a->second, "did you mean `" + a->second + "`?");
      else if (auto best = closest(t.name.name, names); !best.empty())
        diag.fix(t.name.span, best, "did you mean `" + best + "`?");
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Domain> Checker::resolve_domain(Module& m, const ast::Domain& ad, const Type& type) {
  Env env;
  env.module = &m;
  env.context = "a domain";
  Domain out;
  out.span = ad.span;
  const Type* elem = &type;
  if (type.base == BaseType::List && type.element) elem = type.element.get();
  std::vector<Value> vals;
  for (const auto& item : ad.items) {
    if (!item) return std::nullopt;
    auto e = check_expr(*item, elem, env);
    if (!e) return std::nullopt;
    std::string err;
    auto v = fold(*e, &err);
    if (!v) {
      d().report(DiagId::InvalidDomain, item->span, err.empty() ? "bounds must be constants" : err);
      return std::nullopt;
    }
    vals.push_back(*v);
  }
  auto numeric = [&](const Value& v) { return v.kind == Value::Kind::Number; };
  switch (ad.kind) {
    case ast::DomainKind::IntRange:
    case ast::DomainKind::Interval: {
      out.kind = ad.kind == ast::DomainKind::IntRange ? Domain::Kind::IntRange : Domain::Kind::Interval;
      if (vals.size() != 2 || !numeric(vals[0]) || !numeric(vals[1])) {
        d().report(DiagId::InvalidDomain, ad.span, "a range needs two numbers");
        return std::nullopt;
      }
      if (out.kind == Domain::Kind::IntRange && (!vals[0].is_int || !vals[1].is_int)) {
        d().report(DiagId::InvalidDomain, ad.span, "`lo..hi` is a range of integers; write `[lo, hi]` for reals");
        return std::nullopt;
      }
      if (vals[0].dim != vals[1].dim) {
        d().report(DiagId::InvalidDomain, ad.span, "both bounds need the same unit");
        return std::nullopt;
      }
      if (vals[0].number > vals[1].number) {
        d().report(DiagId::InvalidDomain, ad.span, "the lower bound is above the upper bound");
        return std::nullopt;
      }
      out.lo = vals[0].number;
      out.hi = vals[1].number;
      out.dim = vals[0].dim;
      break;
    }
    case ast::DomainKind::Set: {
      out.kind = Domain::Kind::Set;
      if (vals.empty()) {
        d().report(DiagId::InvalidDomain, ad.span, "a set needs at least one value");
        return std::nullopt;
      }
      out.set = vals;
      out.dim = vals[0].dim;
      break;
    }
  }
  auto need = elem->required_dim();
  if (need != Dim::None && out.dim != need && !(out.kind != Domain::Kind::Set && out.lo == 0 && out.hi == 0)) {
    d().report(
        DiagId::InvalidDomain, ad.span,
        fmt::format("the parameter is {}, so its domain needs {} units", dim_name(need), dim_example_unit(need)));
    return std::nullopt;
  }
  if (need == Dim::None && out.dim == Dim::Fraction) out.dim = Dim::None;
  return out;
}

std::vector<ParamInfo> Checker::resolve_params(Module& m, const std::vector<ast::Param>& params,
                                               const char* owner_kind) {
  std::vector<ParamInfo> out;
  for (const auto& p : params) {
    bool dup = false;
    for (const auto& q : out) {
      if (q.name == p.name.name) {
        d().report(DiagId::DuplicateDecl, p.name.span, p.name.name).note(q.name_span, "first declared here");
        dup = true;
      }
    }
    if (dup) continue;
    ParamInfo info;
    info.name = p.name.name;
    info.span = p.span;
    info.name_span = p.name.span;
    auto type = resolve_type(m, p.type);
    // A parameter whose declaration is broken stays declared (uses of it are not "unknown"), is never
    // reported missing at call sites, and accepts any value: its one error is enough.
    if (!type)
      info.broken = true;
    else
      info.type = *type;
    if (p.domain) info.domain = resolve_domain(m, *p.domain, info.type);
    if (p.default_value && p.default_value->kind == ast::ExprKind::Name && p.default_value->text == "none") {
      info.optional = true;
    } else if (p.default_value && !info.broken) {
      Env env;
      env.module = &m;
      env.context = "a default value";
      auto e = check_expr(*p.default_value, &info.type, env);
      if (!info.broken && e && coerce(e, info.type, info.name, p.default_value->span)) {
        if (info.domain) check_domain(*e, *info.domain, info.name, env);
        info.default_value = e;
      } else {
        info.broken = true;
      }
    }
    (void)owner_kind;
    out.push_back(std::move(info));
  }
  return out;
}

namespace {

// Reads field-kind arguments: positional values and `name: value` pairs.
struct FieldArgs {
  std::vector<const ast::Expr*> positional;
  std::map<std::string, const ast::Arg*> named;
};

FieldArgs split_args(const std::vector<ast::Arg>& args) {
  FieldArgs out;
  for (const auto& a : args) {
    if (!a.value) continue;
    if (a.name) {
      out.named[a.name->name] = &a;
    } else {
      out.positional.push_back(a.value.get());
    }
  }
  return out;
}

std::optional<long> int_literal(const ast::Expr* e) {
  if (!e || e->kind != ast::ExprKind::Number || !e->is_integer || !e->unit.empty()) return std::nullopt;
  // Counts and indices are ints; a literal past that (`class(99999999999999999999)`) is not a valid one.
  if (!(std::fabs(e->number) <= 2147483647.0)) return std::nullopt;
  return static_cast<long>(e->number);
}

std::optional<std::string> ident_of(const ast::Expr* e) {
  if (!e || e->kind != ast::ExprKind::Name) return std::nullopt;
  return e->text;
}

}  // namespace

void Checker::check_sample(Module& m, const ast::Sample& s) {
  const auto* sym = lookup(m, s.name.name);
  if (!sym || sym->kind != SymbolKind::Sample || sym->module != &m) return;
  auto* info = const_cast<SchemaInfo*>(sym->sample);
  if (!info->fields.empty()) return;
  for (const auto& f : s.fields) {
    if (info->field(f.name.name)) {
      d().report(DiagId::DuplicateField, f.name.span, f.name.name)
          .note(info->field(f.name.name)->span, "first declared here");
      continue;
    }
    FieldInfo fi;
    fi.name = f.name.name;
    fi.span = f.span;
    fi.type_span = f.type.span;
    fi.optional = f.type.optional;
    fi.list_depth = f.type.list_depth;
    auto kind = field_kind_from(f.type.kind.name);
    if (!kind) {
      std::vector<std::string> names = {"image", "mask", "boxes", "keypoints", "class",       "multilabel",
                                        "soft",  "text", "tags",  "audio",     "spectrogram", "frames"};
      auto& diag = d().report(DiagId::UnknownFieldKind, f.type.kind.span, f.type.kind.name);
      if (auto best = closest(f.type.kind.name, names); !best.empty())
        diag.fix(f.type.kind.span, best, "did you mean `" + best + "`?");
      continue;
    }
    fi.kind = *kind;
    auto args = split_args(f.type.args);
    auto bad = [&](Span at, const std::string& msg) {
      d().report(DiagId::BadFieldArgs, at.valid() ? at : f.type.span, f.type.kind.name, msg);
    };
    auto need_count = [&](const char* what) -> int {
      if (args.positional.empty()) {
        bad(f.type.span, fmt::format("needs the number of {}, e.g. `{}(10)`", what, f.type.kind.name));
        return 0;
      }
      auto n = int_literal(args.positional[0]);
      if (!n || *n <= 0) {
        bad(args.positional[0]->span, fmt::format("the number of {} must be a positive integer", what));
        return 0;
      }
      return static_cast<int>(*n);
    };
    auto expect_at_most = [&](std::size_t n) {
      if (args.positional.size() > n) bad(args.positional[n]->span, "unexpected argument");
    };
    auto reject_named = [&](std::initializer_list<const char*> allowed) {
      for (const auto& [name, arg] : args.named) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || name == a;
        if (!ok) bad(arg->name->span, fmt::format("unknown argument `{}`", name));
      }
    };
    // The i-th positional argument, when present, is one of the `allowed` words (with a did-you-mean fix-it).
    auto word = [&](std::size_t i, std::initializer_list<std::string> allowed, const char* what, std::string& out) {
      if (args.positional.size() <= i) return;
      const auto* e = args.positional[i];
      auto w = ident_of(e);
      if (w && std::find(allowed.begin(), allowed.end(), *w) != allowed.end()) {
        out = *w;
        return;
      }
      auto& diag = d().report(DiagId::BadFieldArgs, e->span, f.type.kind.name, what);
      if (auto best = w ? closest(*w, std::vector<std::string>(allowed)) : std::string(); !best.empty())
        diag.fix(e->span, best, "did you mean `" + best + "`?");
    };
    switch (fi.kind) {
      case FieldKind::Image: {
        reject_named({});
        expect_at_most(2);
        word(0, {"rgb", "gray", "rgba"}, "the colour space is `rgb`, `gray` or `rgba`", fi.color);
        word(1, {"u8", "f32"}, "the element type is `u8` or `f32`", fi.element);
        break;
      }
      case FieldKind::Mask: {
        reject_named({"ignore"});
        expect_at_most(1);
        fi.classes = need_count("classes");
        if (auto it = args.named.find("ignore"); it != args.named.end()) {
          auto n = int_literal(it->second->value.get());
          if (!n || *n < 0 || *n > 255) {
            bad(it->second->value->span, "`ignore` is a class index in 0..255");
          } else {
            fi.ignore = static_cast<int>(*n);
          }
        }
        break;
      }
      case FieldKind::Boxes: {
        reject_named({});
        expect_at_most(2);
        word(0, {"xyxy", "xywh", "cxcywh"}, "the box format is `xyxy`, `xywh` or `cxcywh`", fi.box_format);
        if (args.positional.size() > 1) {
          if (ident_of(args.positional[1]) != std::optional<std::string>("normalized")) {
            bad(args.positional[1]->span, "the second argument can only be `normalized`");
          } else {
            fi.normalized = true;
          }
        }
        break;
      }
      case FieldKind::Keypoints: {
        reject_named({"flip", "skeleton"});
        expect_at_most(1);
        fi.keypoints = need_count("keypoints");
        auto pairs = [&](const char* key, std::vector<std::pair<int, int>>& out) -> bool {
          auto it = args.named.find(key);
          if (it == args.named.end()) return false;
          const auto* list = it->second->value.get();
          if (list->kind != ast::ExprKind::List) {
            bad(list->span, fmt::format("`{}` is a list of index pairs: `[(1, 2), (3, 4)]`", key));
            return true;
          }
          for (const auto& item : list->items) {
            if (!item || item->kind != ast::ExprKind::Tuple || item->items.size() != 2) {
              bad(item ? item->span : list->span, "expected a pair `(i, j)`");
              continue;
            }
            // `-1` is an integer too (and outside the keypoints: E0504, not "not an integer").
            auto signed_int = [](const ast::Expr* e) -> std::optional<long> {
              if (e && e->kind == ast::ExprKind::Unary && e->op == '-' && e->items.size() == 1) {
                if (auto v = int_literal(e->items[0].get())) return -*v;
              }
              return int_literal(e);
            };
            auto a = signed_int(item->items[0].get()), b = signed_int(item->items[1].get());
            if (!a || !b) {
              bad(item->span, "keypoint indices are integers");
              continue;
            }
            if (fi.keypoints > 0 && (*a < 0 || *b < 0 || *a >= fi.keypoints || *b >= fi.keypoints)) {
              d().report(DiagId::BadFlipPair, item->span, *a, *b, fi.keypoints - 1);
              continue;
            }
            out.emplace_back(static_cast<int>(*a), static_cast<int>(*b));
          }
          return true;
        };
        fi.has_flip = pairs("flip", fi.flip_pairs);
        pairs("skeleton", fi.skeleton);
        break;
      }
      case FieldKind::Class:
      case FieldKind::MultiLabel:
      case FieldKind::Soft:
      case FieldKind::Tags:
        reject_named({});
        expect_at_most(1);
        fi.classes = need_count(fi.kind == FieldKind::Tags ? "tags" : "classes");
        break;
      case FieldKind::Text: {
        reject_named({});
        expect_at_most(1);
        if (!args.positional.empty()) {
          auto lang = ident_of(args.positional[0]);
          if (!lang) {
            bad(args.positional[0]->span, "the language is an identifier such as `en`");
          } else {
            fi.lang = *lang;
          }
        }
        break;
      }
      case FieldKind::Audio: {
        reject_named({});
        expect_at_most(2);
        if (!args.positional.empty()) {
          const auto* e = args.positional[0];
          if (e->kind != ast::ExprKind::Number || (e->unit != "Hz" && e->unit != "kHz")) {
            bad(e->span, "the sample rate is a frequency such as `16kHz`");
          } else {
            fi.sample_rate = e->number * (e->unit == "kHz" ? 1000.0 : 1.0);
            // Decoding resamples to this rate, which takes whole hertz (torchaudio's resample takes ints).
            if (fi.sample_rate < 1 || std::abs(fi.sample_rate - std::round(fi.sample_rate)) > 1e-6)
              bad(e->span, fmt::format("the sample rate must be a positive whole number of hertz, not {}",
                                       audio_args::rate_text(fi.sample_rate)));
          }
        }
        word(1, {"mono", "stereo"}, "channels are `mono` or `stereo`", fi.channels);
        break;
      }
      case FieldKind::Spectrogram:
        reject_named({});
        expect_at_most(1);
        fi.bins = need_count("frequency bins");
        break;
      case FieldKind::Frames: {
        reject_named({});
        expect_at_most(1);
        if (!args.positional.empty()) {
          const auto* e = args.positional[0];
          if (e->kind != ast::ExprKind::Number || (e->unit != "ms" && e->unit != "s") || e->number <= 0) {
            bad(e->span, "the frame period is a duration such as `10ms`");
          } else {
            fi.frame_period = e->number * (e->unit == "ms" ? 1e-3 : 1.0);
          }
        }
        break;
      }
    }
    info->fields.push_back(std::move(fi));
  }
}

void Checker::check_op(Module& m, const ast::OpDecl& decl) {
  const auto* sym = lookup(m, decl.name.name);
  if (!sym || sym->kind != SymbolKind::Op || sym->module != &m) return;
  auto* info = const_cast<OpInfo*>(sym->op);
  info->params = resolve_params(m, decl.params, "op");
  info->doc = decl.doc;
  auto kind_of = [&](const ast::KindPattern& k) {
    KindInfo out;
    out.kind = k.kind.name;
    out.span = k.span;
    static const std::vector<std::string> kinds = {"image", "mask", "audio", "spectrogram", "text", "batch"};
    if (std::find(kinds.begin(), kinds.end(), out.kind) == kinds.end()) {
      d().report(DiagId::BadOpKind, k.kind.span, out.kind);
    }
    for (const auto& a : k.args) {
      if (a.value && a.value->kind == ast::ExprKind::Name && (a.value->text == "u8" || a.value->text == "f32")) {
        out.element = a.value->text;
      } else {
        d().report(DiagId::BadOpKind, a.span, fmt::format("{}({})", out.kind, sources.text(a.span)))
            .note({}, "a kind's only argument is its element type, `u8` or `f32`");
      }
    }
    return out;
  };
  info->input = kind_of(decl.input);
  info->output = kind_of(decl.output);
  for (const auto& r : decl.requirements) {
    ArgGroup g;
    g.span = r.span;
    if (r.rule.name == "one_of")
      g.rule = ArgGroup::Rule::OneOf;
    else if (r.rule.name == "any_of")
      g.rule = ArgGroup::Rule::AnyOf;
    else if (r.rule.name == "at_most_one")
      g.rule = ArgGroup::Rule::AtMostOne;
    else {
      d().report(DiagId::BadRequirement, r.rule.span,
                 fmt::format("unknown requirement `{}` (expected one_of, any_of or at_most_one)", r.rule.name));
      continue;
    }
    bool ok = true;
    for (const auto& p : r.params) {
      const auto* pi = info->param(p.name);
      if (!pi) {
        d().report(DiagId::BadRequirement, p.span, fmt::format("`{}` has no parameter `{}`", info->name, p.name));
        ok = false;
      } else if (!pi->optional) {
        d().report(DiagId::BadRequirement, p.span,
                   fmt::format("`{}` must default to `none` to take part in a requirement", p.name));
        ok = false;
      } else {
        g.params.push_back(p.name);
      }
    }
    if (ok) info->groups.push_back(std::move(g));
  }
  for (const auto& e : decl.effects) {
    const std::string* param = e.param ? &e.param->name : nullptr;
    if (auto err = apply_effect(info->effects, e.key.name, e.value.name, param, e.span)) {
      d().report(DiagId::BadEffect, e.span, *err);
      continue;
    }
    // `boxes: enclose` without `(param)` means the parameter named by the vocabulary, when the op has it.
    std::string implied;
    if (!param) {
      for (const auto& spec : effect_vocabulary()) {
        if (spec.key == e.key.name && spec.value == e.value.name && spec.takes_param) implied = spec.default_param;
      }
      if (!implied.empty() && info->param(implied)) param = &implied;
    }
    if (param) {
      bool found = false;
      for (auto& p : info->params) {
        if (p.name == *param) {
          found = true;
          if (e.key.name != "shape") p.acknowledges = true;
        }
      }
      if (!found)
        d().report(DiagId::BadEffect, e.param ? e.param->span : e.span,
                   fmt::format("`{}` has no parameter `{}`", info->name, *param));
    }
  }
  for (const auto& c : decl.cost) {
    if (!c.value) continue;
    Env env;
    env.module = &m;
    env.context = "a cost";
    auto e = check_expr(*c.value, nullptr, env);
    if (!e) continue;
    auto v = fold(*e);
    if (!v || v->kind != Value::Kind::Number) {
      d().report(DiagId::ConstEvalError, c.value->span, "a cost is a constant number");
      continue;
    }
    info->cost[c.key.name] = v->number;
  }
}

void Checker::check_declarations(Module& m) {
  if (!m.ast) return;
  for (const auto& c : m.ast->consts) const_value(m, c.name.name, c.name.span);
  for (const auto& s : m.ast->samples) check_sample(m, s);
  for (const auto& op : m.ast->ops) check_op(m, op);
  for (auto& t : m.transforms) t->params = resolve_params(m, t->ast->params, "transform");
  for (auto& t : m.transforms) check_transform_body(m, *t);
  for (auto& p : m.policies) {
    p->params = resolve_params(m, p->ast->params, "policy");
    elaborate_policy(m, *p);
  }
}

}  // namespace auger
