// `auger check FILE…`: parse and type-check, print diagnostics.
#include <iostream>

#include "compiler/diag/render.h"
#include "compiler/diag/render_brief.h"
#include "compiler/sema/compilation.h"
#include "tools/commands.h"

namespace auger::cli {

std::function<int()> register_check(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    std::string format = "text";
    FrontOptions front;
    bool werror = false;
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("check", "Parse and type-check policies, including label invariants");
  cmd->add_option("FILE", opts->files, "Policy files (.aug)")->required();
  cmd->add_option("--format", opts->format,
                  "Diagnostics as text (code frames, to stderr), brief (one line each, to stderr), json or sarif "
                  "(SARIF 2.1.0) to stdout")
      ->check(CLI::IsMember({"text", "brief", "json", "sarif"}));
  cmd->add_flag("--werror", opts->werror, "Treat warnings as errors for the exit code");
  add_front_options(*cmd, opts->front);
  cmd->footer("Exit codes: 0 no errors, 1 errors found, 2 wrong usage, 3 internal error.");
  return [opts]() {
    CheckOptions co;
    co.include_paths = opts->front.include_paths;
    if (!opts->front.stdlib_dir.empty()) co.stdlib_dir = opts->front.stdlib_dir;
    Compilation comp(co);
    for (const auto& f : opts->files) comp.check_file(f);
    RenderOptions ro;
    ro.color = opts->format == "text" && use_color(opts->front);
    auto diags = comp.diags().sorted();
    if (opts->format == "json") {
      std::cout << render_json(diags, comp.sources(), ro) << "\n";
    } else if (opts->format == "sarif") {
      std::cout << render_sarif(diags, comp.sources(), ro) << "\n";
    } else if (opts->format == "brief") {
      std::cerr << render_brief(diags, comp.sources());
    } else {
      std::cerr << render_text(diags, comp.sources(), ro);
    }
    bool internal = false;
    for (const auto& d : diags) internal = internal || d.id == DiagId::InternalError;
    if (internal) return kExitRunFailed;
    if (comp.diags().has_errors()) return kExitInputErrors;
    if (opts->werror && comp.diags().warning_count() > 0) return kExitInputErrors;
    return kExitOk;
  };
}

}  // namespace auger::cli
