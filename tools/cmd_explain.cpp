// `auger explain FILE --policy P --emit schema|ir|plan`: what a policy produces (schema), its IR after the
// passes (ir, with --print-after-all after each pass), and the fusion plan a user reads (plan).
#include <fmt/format.h>

#include <iostream>

#include "compiler/diag/render.h"
#include "compiler/ir/build.h"
#include "compiler/ir/plan.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/pipeline.h"
#include "compiler/sema/compilation.h"
#include "tools/commands.h"
#include "tools/policy_loader.h"

namespace auger::cli {

namespace {

struct Opts {
  std::string file;
  std::string policy;
  std::string emit = "schema";
  bool print_after_all = false;
  std::vector<std::string> sets;
  FrontOptions front;
};

int explain_schema_of(const Opts& opts) {
  CheckOptions co;
  co.include_paths = opts.front.include_paths;
  if (!opts.front.stdlib_dir.empty()) co.stdlib_dir = opts.front.stdlib_dir;
  Compilation comp(co);
  const Module* m = comp.check_file(opts.file);
  RenderOptions ro;
  ro.color = use_color(opts.front);
  std::cerr << render_text(comp.diags().sorted(), comp.sources(), ro);  // in file order, as `check` prints them
  if (!m || comp.diags().has_errors()) return kExitInputErrors;
  auto text = explain_schema(*m, opts.policy);
  if (!text) {
    auto names = policy_names(*m);
    if (opts.policy.empty()) {
      std::cerr << fmt::format("error: `{}` declares no policy, so there is nothing to explain\n", opts.file);
      return kExitInputErrors;
    }
    std::cerr << fmt::format("error: `{}` has no policy `{}` (its policies: {})\n", opts.file, opts.policy,
                             names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")));
    return kExitInputErrors;
  }
  std::cout << *text;
  return kExitOk;
}

// The IR after the pipeline (or after each pass), or the plan made of it.
int explain_ir_or_plan(const Opts& opts) {
  LoadedPolicy loaded;
  if (int rc = load_policy(opts.file, opts.policy, opts.sets, opts.front, loaded); rc != kExitOk) return rc;
  // Built again with the sources, so that every statement knows its line for the reader.
  ir::Function fn = ir::build_ir(*loaded.policy, loaded.overrides, &loaded.comp->sources());
  passes::PipelineOptions po;
  po.print_after_all = opts.print_after_all;
  po.out = &std::cout;
  if (auto errors = passes::run_pipeline(fn, po); !errors.empty()) {
    for (const auto& e : errors) std::cerr << "auger: internal error: invalid IR " << e << "\n";
    std::cerr << "auger: this is a bug in auger, please report it\n";
    return kExitRunFailed;
  }
  if (opts.emit == "plan")
    std::cout << ir::render_plan(fn);
  else if (!opts.print_after_all)
    std::cout << ir::print(fn);
  return kExitOk;
}

}  // namespace

std::function<int()> register_explain(CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("explain", "Explain a policy: its output schema, its IR, its fusion plan");
  cmd->add_option("FILE", opts->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", opts->policy,
                  "The policy to explain (default: every policy for schema; the file's only policy otherwise)");
  cmd->add_option("--emit", opts->emit,
                  "What to print: schema (the output schema), ir (the IR after the passes), plan (which statements "
                  "became which kernel, and the decode ROI); halide and stmt come with the kernel generator")
      ->check(CLI::IsMember({"schema", "ir", "plan", "halide", "stmt"}));
  cmd->add_flag("--print-after-all", opts->print_after_all,
                "With --emit ir: print the IR as built and after every pass");
  cmd->add_option("--set", opts->sets, "Bind a policy parameter, name=value (repeatable; for ir and plan)")
      ->allow_extra_args(false);
  add_front_options(*cmd, opts->front);
  return [opts]() {
    if (opts->emit == "halide" || opts->emit == "stmt") {
      std::cerr << fmt::format(
          "error: --emit {} is not available yet (the Halide lowering is not built); try "
          "--emit plan\n",
          opts->emit);
      return kExitUsage;
    }
    if (opts->print_after_all && opts->emit != "ir") {
      std::cerr << "error: --print-after-all goes with --emit ir\n";
      return kExitUsage;
    }
    if (opts->emit == "schema") {
      if (!opts->sets.empty()) {
        std::cerr << "error: --set goes with --emit ir or plan (the schema shows parameters symbolically)\n";
        return kExitUsage;
      }
      return explain_schema_of(*opts);
    }
    return explain_ir_or_plan(*opts);
  };
}

}  // namespace auger::cli
