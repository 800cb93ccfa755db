// `auger explain FILE --policy P --emit schema`: what a policy produces.
#include <fmt/format.h>

#include <iostream>

#include "compiler/diag/render.h"
#include "compiler/sema/compilation.h"
#include "tools/commands.h"

namespace auger::cli {

std::function<int()> register_explain(CLI::App& app) {
  struct Opts {
    std::string file;
    std::string policy;
    std::string emit = "schema";
    FrontOptions front;
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("explain", "Explain a policy: its output schema (static shapes where known)");
  cmd->add_option("FILE", opts->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", opts->policy, "The policy to explain (default: every policy in the file)");
  cmd->add_option("--emit", opts->emit,
                  "What to print: schema (the output schema of the policy). ir, plan and halide come with the "
                  "kernel compiler")
      ->check(CLI::IsMember({"schema"}));
  add_front_options(*cmd, opts->front);
  return [opts]() {
    CheckOptions co;
    co.include_paths = opts->front.include_paths;
    if (!opts->front.stdlib_dir.empty()) co.stdlib_dir = opts->front.stdlib_dir;
    Compilation comp(co);
    const Module* m = comp.check_file(opts->file);
    RenderOptions ro;
    ro.color = use_color(opts->front);
    std::cerr << render_text(comp.diags().sorted(), comp.sources(), ro);  // in file order, as `check` prints them
    if (!m || comp.diags().has_errors()) return kExitInputErrors;
    auto text = explain_schema(*m, opts->policy);
    if (!text) {
      auto names = policy_names(*m);
      if (opts->policy.empty()) {
        std::cerr << fmt::format("error: `{}` declares no policy, so there is nothing to explain\n", opts->file);
        return kExitInputErrors;
      }
      std::cerr << fmt::format("error: `{}` has no policy `{}` (its policies: {})\n", opts->file, opts->policy,
                               names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")));
      return kExitInputErrors;
    }
    std::cout << *text;
    return kExitOk;
  };
}

}  // namespace auger::cli
