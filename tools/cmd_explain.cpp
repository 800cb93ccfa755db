// `auger explain FILE --policy P --emit schema|ir|plan`: what a policy produces (schema), its IR after the
// passes (ir, with --print-after-all after each pass), and the fusion plan a user reads (plan).
#include <fmt/format.h>

#include <iostream>
#include <tuple>

#include "compiler/diag/render.h"
#include "compiler/ir/build.h"
#include "compiler/ir/plan.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/pipeline.h"
#include "compiler/sampling/policy_sampler.h"
#include "compiler/sema/compilation.h"
#include "runtime/fused/fused_executor.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/u64_option.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace {

struct Opts {
  std::string file;
  std::string policy;
  std::string emit = "schema";
  bool print_after_all = false;
  std::vector<std::string> sets;
  std::string key = "sample";
  std::string shape;  // CxHxW; empty: the image type's C, 375 x 500
  std::uint64_t seed = 0;
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
    return kExitUsage;  // a wrong --policy is a wrong command line, as for apply, search and check (cli.md)
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

bool parse_shape(const std::string& text, int& c, int& h, int& w) {
  int end = 0;
  return std::sscanf(text.c_str(), "%dx%dx%d%n", &c, &h, &w, &end) == 3 &&
         static_cast<std::size_t>(end) == text.size() && c > 0 && h > 0 && w > 0;
}

// --shape's C must be the channels the policy's image decodes to: the kernels (normalize's per-channel mean, say)
// are checked against the image type, so another C is a wrong command line, not a failed run. Without --shape the
// image type's own C is used.
int check_shape_channels(const Opts& opts, const LoadedPolicy& loaded, const std::string& field,
                         const ir::FieldType& type, int& c) {
  const int want = type.channels();
  if (opts.shape.empty()) {
    c = want;
    return kExitOk;
  }
  if (c == want) return kExitOk;
  std::cerr << fmt::format(
      "error: --shape {} has C={}, but policy `{}` decodes `{}` as {} ({} channel{}); write "
      "--shape {}x{}\n",
      opts.shape, c, loaded.policy->name, field, type.text, want, want == 1 ? "" : "s", want,
      opts.shape.substr(opts.shape.find('x') + 1));
  return kExitUsage;
}

// The Halide code of the kernels one sample runs: the policy is sampled for (seed, key) on an image of `shape`,
// and each kernel of that sample's plan is printed (its loop nest, or with `stmt` the lowered statement).
// Another key may draw other ops (RandAugment's choice), so other kernels.
int explain_halide(const Opts& opts) {
  int c = 0, h = 375, w = 500;
  if (!opts.shape.empty() && !parse_shape(opts.shape, c, h, w)) {
    std::cerr << fmt::format("error: --shape is CxHxW (e.g. 3x375x500), got `{}`\n", opts.shape);
    return kExitUsage;
  }
  LoadedPolicy loaded;
  if (int rc = load_policy(opts.file, opts.policy, opts.sets, opts.front, loaded); rc != kExitOk) return rc;
  sampling::SampleContext ctx;
  ctx.seed = opts.seed;
  ctx.key = opts.key;
  std::string field;
  ir::FieldType type;
  for (const auto& [name, t] : loaded.fn.inputs)
    if (t.kind == "image" && field.empty()) std::tie(field, type) = std::tie(name, t);
  if (field.empty()) {
    std::cerr << fmt::format("error: policy `{}` has no image field, so no image kernels\n", loaded.policy->name);
    return kExitInputErrors;
  }
  if (int rc = check_shape_channels(opts, loaded, field, type, c); rc != kExitOk) return rc;
  ctx.shapes[field] = rt::Shape{c, h, w, rt::Elem::U8};
  rt::Trace trace = sampling::PolicySampler(loaded.fn).sample(ctx);
  std::vector<rt::AppliedOp> ops;
  std::vector<std::string> names;
  for (auto op : trace.ops)
    for (const auto& t : op.targets)
      if (t == field) {
        names.push_back(op.site + " " + op.op);
        op.targets.clear();
        ops.push_back(std::move(op));
        break;
      }
  std::cout << fmt::format("# policy `{}`, sample key `{}`, seed {}, field `{}` decoded as {}: {} ops ({})\n",
                           loaded.policy->name, opts.key, opts.seed, field, fmt::format("{}x{}x{}", c, h, w),
                           ops.size(), fmt::join(names, ", "));
  std::cout << rt::fused::halide_source(ops, ctx.shapes[field], opts.emit == "stmt");
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
                  "became which kernel, and the decode ROI), halide (the Halide loop nests of one sample's kernels) or "
                  "stmt (their lowered statements)")
      ->check(CLI::IsMember({"schema", "ir", "plan", "halide", "stmt"}));
  cmd->add_flag("--print-after-all", opts->print_after_all,
                "With --emit ir: print the IR as built and after every pass");
  cmd->add_option("--set", opts->sets, "Bind a policy parameter, name=value (repeatable; for ir and plan)")
      ->allow_extra_args(false);
  cmd->add_option("--key", opts->key, "With --emit halide|stmt: the sample key to draw for (default `sample`)");
  add_u64_option(*cmd, "--seed", opts->seed, "With --emit halide|stmt: the seed to draw with (default 0)");
  cmd->add_option("--shape", opts->shape,
                  "With --emit halide|stmt: the decoded image's shape, CxHxW; C must be the policy's image channels "
                  "(image(rgb) 3, gray 1, rgba 4) (default: those channels x 375 x 500)");
  add_front_options(*cmd, opts->front);
  return [opts]() {
    if (opts->emit == "halide" || opts->emit == "stmt") return explain_halide(*opts);
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
