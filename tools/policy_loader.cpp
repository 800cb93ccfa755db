#include "tools/policy_loader.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "compiler/diag/render.h"
#include "compiler/ir/build.h"

namespace auger::cli {

namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

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
  // Anything else is an expression of the language, folded by the front end: `12`, `30deg`, `[0.1, 0.2]`, `3/4`.
  Compilation scratch;
  const Module* m = scratch.check_text("<--set>", "const value = " + text + "\n");
  if (!m || scratch.diags().has_errors() || !m->consts.count("value"))
    return fmt::format("`{}` is not a constant expression", text);
  Value v = m->consts.at("value");
  if (t.base == BaseType::String) {
    if (v.kind != Value::Kind::String) return "expected a string in double quotes";
  } else if (t.is_numeric_scalar()) {
    if (v.kind != Value::Kind::Number) return fmt::format("expected {} (a number)", t.name());
    const Dim need = t.required_dim();
    if (need != Dim::None && v.dim == Dim::None && v.number != 0)
      return fmt::format("`{}` needs a unit: {} is {} (e.g. `{}{}`)", text, param.name, dim_name(need), text,
                         dim_example_unit(need));
    if (need == Dim::None && v.dim != Dim::None && t.base != BaseType::Size && t.base != BaseType::Count)
      return fmt::format("`{}` has a unit but {} is a plain number", text, param.name);
    if (t.base == BaseType::Int && !v.is_int) return fmt::format("{} is an int, `{}` is not", param.name, text);
    v.dim = v.dim == Dim::None ? need : v.dim;
  }
  if (param.domain && !param.domain->contains(v))
    return fmt::format("{} is outside {}'s domain {}", v.to_string(), param.name, param.domain->to_string());
  out = v;
  return "";
}

int load_policy(const std::string& file, const std::string& policy, const std::vector<std::string>& sets,
                const FrontOptions& front, LoadedPolicy& out) {
  CheckOptions co;
  co.include_paths = front.include_paths;
  if (!front.stdlib_dir.empty()) co.stdlib_dir = front.stdlib_dir;
  out.comp = std::make_unique<Compilation>(co);
  out.module = out.comp->check_file(file);
  RenderOptions ro;
  ro.color = use_color(front);
  std::cerr << render_text(out.comp->diags().sorted(), out.comp->sources(), ro);
  if (!out.module || out.comp->diags().has_errors()) return kExitInputErrors;

  auto names = policy_names(*out.module);
  std::string chosen = policy;
  if (chosen.empty()) {
    if (names.size() != 1) {
      std::cerr << fmt::format("error: `{}` has {} policies ({}); choose one with --policy\n", file, names.size(),
                               names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")));
      return kExitUsage;
    }
    chosen = names.front();
  }
  for (const auto& p : out.module->policies)
    if (p->name == chosen) out.policy = p.get();
  if (!out.policy) {
    std::cerr << fmt::format("error: `{}` has no policy `{}` (its policies: {})\n", file, chosen,
                             names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")));
    return kExitUsage;
  }

  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << fmt::format("error: --set expects name=value, got `{}`\n", s);
      return kExitUsage;
    }
    const std::string name = s.substr(0, eq), text = s.substr(eq + 1);
    const ParamInfo* param = nullptr;
    for (const auto& p : out.policy->params)
      if (p.name == name) param = &p;
    if (!param) {
      std::vector<std::string> ps;
      for (const auto& p : out.policy->params) ps.push_back(p.name);
      std::cerr << fmt::format("error: policy `{}` has no parameter `{}` (its parameters: {})\n", chosen, name,
                               ps.empty() ? std::string("none") : fmt::format("{}", fmt::join(ps, ", ")));
      return kExitUsage;
    }
    Value v;
    if (auto why = parse_override(*param, text, v); !why.empty()) {
      std::cerr << fmt::format("error: --set {}: {}\n", s, why);
      return kExitInputErrors;
    }
    out.overrides[name] = v;
  }
  out.fn = ir::build_ir(*out.policy, out.overrides, &out.comp->sources());
  out.file_sha256 = sha256_file(file);
  return kExitOk;
}

void note_batch_block_skipped(const LoadedPolicy& lp, const std::string& command) {
  bool batch = false;
  ir::for_each_node(lp.fn, [&](const ir::Node& n) { batch = batch || n.kind == ir::NodeKind::Batch; });
  if (batch)
    std::cerr << fmt::format(
        "note: policy `{}` ends with a `batch {{ }}` block (mixup, cutmix): it mixes collated batches, which the "
        "Python loader makes; `auger {}` writes each sample without it\n",
        lp.policy->name, command);
}

}  // namespace auger::cli
