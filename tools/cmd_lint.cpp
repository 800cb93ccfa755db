// `auger lint FILE…`: check, then the lint rules (compiler/lint); findings as text, brief, JSON or SARIF.
#include <iostream>
#include <set>

#include "compiler/lint/lint.h"
#include "compiler/lint/render_lint.h"
#include "compiler/lint/rule_table.h"
#include "compiler/lint/rules_doc.h"
#include "compiler/sema/compilation.h"
#include "tools/commands.h"

namespace auger::cli {

namespace {

struct LintOpts {
  std::vector<std::string> files;
  std::string format = "text";
  std::vector<std::string> select, ignore;
  double budget_ms = 0;
  bool werror = false;
  bool list_rules = false;
  FrontOptions front;
};

// Every format lists the rules in its own shape; text and brief are the one-line table.
int list_rules(const LintOpts& o) {
  RenderOptions ro;
  if (o.format == "markdown")
    std::cout << lint::rules_markdown();
  else if (o.format == "json")
    std::cout << lint::render_rules_json(ro) << "\n";
  else if (o.format == "sarif")
    std::cout << lint::render_rules_sarif(ro) << "\n";
  else
    std::cout << lint::rules_table_text();
  return kExitOk;
}

// Check's diagnostics without those a lint rule restates in the files that were linted (W0802 becomes AUG201).
std::vector<Diagnostic> kept_diagnostics(const std::vector<Diagnostic>& all, const std::set<FileId>& linted) {
  std::set<std::string_view> restated;
  for (const auto* r : lint::all_rules()) {
    if (!r->restates.empty()) restated.insert(r->restates);
  }
  std::vector<Diagnostic> out;
  for (const auto& d : all) {
    if (!(restated.count(d.kind().code) && linted.count(d.span.file))) out.push_back(d);
  }
  return out;
}

int exit_code(const lint::LintReport& report, bool werror) {
  bool errors = false, warnings = false;
  for (const auto& d : report.diagnostics) {
    if (d.id == DiagId::InternalError) return kExitRunFailed;
    errors = errors || d.severity == Severity::Error;
    warnings = warnings || d.severity == Severity::Warning;
  }
  for (const auto& f : report.findings) {
    errors = errors || f.severity() == Severity::Error;
    warnings = warnings || f.severity() == Severity::Warning;
  }
  return errors || (werror && warnings) ? kExitInputErrors : kExitOk;
}

int run_lint(const LintOpts& o, const CLI::App& cmd) {
  if (o.list_rules) return list_rules(o);
  lint::Selection selection{o.select, o.ignore};
  if (auto bad = selection.unknown_entry()) {
    std::cerr << "auger lint: `" << *bad << "` names no lint rule (see `auger lint --list-rules`)\n";
    return kExitUsage;
  }
  if (o.files.empty() || o.format == "markdown") {
    std::cerr << (o.files.empty() ? "auger lint: give at least one FILE\n"
                                  : "auger lint: --format markdown goes with --list-rules\n")
              << cmd.help();
    return kExitUsage;
  }
  lint::LintOptions lo;
  if (cmd.count("--budget-ms")) lo.budget_ms = o.budget_ms;
  CheckOptions co;
  co.include_paths = o.front.include_paths;
  if (!o.front.stdlib_dir.empty()) co.stdlib_dir = o.front.stdlib_dir;
  Compilation comp(co);
  lint::LintReport report;
  std::set<FileId> linted;
  for (const auto& f : o.files) {
    std::size_t errors = comp.diags().error_count();
    const Module* m = comp.check_file(f);
    if (!m || comp.diags().error_count() > errors) continue;  // a file that does not check is not linted
    auto found = lint::lint_module(*m, comp.sources(), lo, selection);
    report.findings.insert(report.findings.end(), found.begin(), found.end());
    auto files = lint::user_files(*m);
    linted.insert(files.begin(), files.end());
  }
  report.diagnostics = kept_diagnostics(comp.diags().sorted(), linted);
  RenderOptions ro;
  ro.color = o.format == "text" && use_color(o.front);
  if (o.format == "json")
    std::cout << lint::render_json(report, comp.sources(), ro) << "\n";
  else if (o.format == "sarif")
    std::cout << lint::render_sarif(report, comp.sources(), ro) << "\n";
  else if (o.format == "brief")
    std::cerr << lint::render_brief(report, comp.sources());
  else
    std::cerr << lint::render_text(report, comp.sources(), ro);
  return exit_code(report, o.werror);
}

}  // namespace

std::function<int()> register_lint(CLI::App& app) {
  auto opts = std::make_shared<LintOpts>();
  auto* cmd = app.add_subcommand("lint",
                                 "Check policies, then report what a reviewer would flag (rules AUGnnn, "
                                 "docs/lint.md)");
  cmd->add_option("FILE", opts->files, "Policy files (.aug)");
  cmd->add_option(
         "--format", opts->format,
         "text (code frames, to stderr), brief (one line each, to stderr), json or sarif (SARIF 2.1.0) to "
         "stdout; with --list-rules: the rules as a text table (text, brief), markdown (docs/lint.md), json or sarif")
      ->check(CLI::IsMember({"text", "brief", "json", "sarif", "markdown"}));
  cmd->add_option("--select", opts->select,
                  "Run only these rules: codes (AUG101), code prefixes (AUG1), rule names or ALL; comma-separated "
                  "or repeated")
      ->delimiter(',')
      ->allow_extra_args(false);  // `--select AUG1 a.aug` leaves a.aug a file to lint
  cmd->add_option("--ignore", opts->ignore, "Skip these rules (same forms as --select; wins over it)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--budget-ms", opts->budget_ms,
                  "Per-sample budget in milliseconds on one core: a policy whose expected cost (from the ops' "
                  "`cost` declarations) exceeds it is AUG501")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--werror", opts->werror, "Treat warnings (check's and lint's) as errors for the exit code");
  cmd->add_flag("--list-rules", opts->list_rules,
                "Print the rules (code, level, name, summary) to stdout in the --format given and exit");
  add_front_options(*cmd, opts->front);
  cmd->footer(
      "Silence a finding with `# auger: allow(AUG103)` on any line of its statement, or alone on the line above "
      "the statement.\n"
      "Exit codes: 0 no errors (warnings alone: 0 unless --werror), 1 check errors or error-level findings, "
      "2 wrong usage, 3 internal error.");
  return [opts, cmd]() { return run_lint(*opts, *cmd); };
}

}  // namespace auger::cli
