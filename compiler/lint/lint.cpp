#include "compiler/lint/lint.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "compiler/lint/allow_comments.h"
#include "compiler/lint/rule_table.h"

namespace auger::lint {

namespace {

bool matches(const std::string& entry, const LintRule& rule) {
  if (entry == "ALL" || entry == "all" || entry == rule.name) return true;
  return !entry.empty() && std::string_view(rule.code).substr(0, entry.size()) == entry;
}

void collect_user_files(const Module& m, std::set<FileId>& out, std::set<const Module*>& seen) {
  if (m.is_stdlib || !seen.insert(&m).second) return;
  out.insert(m.file);
  for (const auto* imp : m.imports) {
    if (imp) collect_user_files(*imp, out, seen);
  }
}

auto position(const Finding& f) {
  return std::tuple(f.span.file, f.span.begin, f.span.end, f.rule->code);
}

}  // namespace

std::set<FileId> user_files(const Module& module) {
  std::set<FileId> files;
  std::set<const Module*> seen;
  collect_user_files(module, files, seen);
  return files;
}

bool Selection::selected(const LintRule& rule) const {
  auto any = [&](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& e) { return matches(e, rule); });
  };
  return (select.empty() || any(select)) && !any(ignore);
}

std::optional<std::string> Selection::unknown_entry() const {
  for (const auto* list : {&select, &ignore}) {
    for (const auto& e : *list) {
      const auto& rules = all_rules();
      if (std::none_of(rules.begin(), rules.end(), [&](const LintRule* r) { return matches(e, *r); })) return e;
    }
  }
  return std::nullopt;
}

std::vector<Finding> lint_module(const Module& module, const SourceManager& sources, const LintOptions& options,
                                 const Selection& selection) {
  std::set<FileId> files = user_files(module);
  std::vector<Finding> found;
  for (const auto& policy : module.policies) {
    LintContext ctx(module, *policy, sources, options, files, found);
    for (const auto* rule : all_rules()) {
      if (selection.selected(*rule)) rule->check(ctx);
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding& a, const Finding& b) { return position(a) < position(b); });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Finding& a, const Finding& b) { return position(a) == position(b); }),
              found.end());
  AllowComments allow(module, sources);
  std::erase_if(found, [&](const Finding& f) { return allow.allows(f); });
  return found;
}

}  // namespace auger::lint
