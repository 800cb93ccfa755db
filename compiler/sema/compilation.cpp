#include "compiler/sema/compilation.h"

#include <fmt/format.h>

#include "compiler/sema/checker.h"

namespace auger {

struct Compilation::Impl {
  CheckOptions options;
  std::unique_ptr<Checker> checker;
};

Compilation::Compilation(CheckOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->checker = std::make_unique<Checker>(sources_, diags_, impl_->options);
}

Compilation::~Compilation() = default;

const Module* Compilation::check_file(const std::string& path) {
  return impl_->checker->check_path(path);
}

const Module* Compilation::check_text(const std::string& name, std::string text) {
  return impl_->checker->check_buffer(name, std::move(text));
}

void Compilation::forget_user_files() {
  impl_->checker->forget_user_modules();
  diags_.clear();
}

std::vector<const OpInfo*> Compilation::prelude_ops() const {
  return impl_->checker->prelude_ops();
}

std::vector<std::string> policy_names(const Module& module) {
  std::vector<std::string> out;
  for (const auto& p : module.policies) out.push_back(p->name);
  return out;
}

std::optional<std::string> explain_schema(const Module& module, const std::string& policy) {
  std::string out;
  bool found = false;
  for (const auto& p : module.policies) {
    if (!policy.empty() && p->name != policy) continue;
    found = true;
    out += fmt::format("{}: {}\n", p->name, fmt::join(p->output_schema, ", "));
  }
  if (!found) return std::nullopt;
  return out;
}

}  // namespace auger
