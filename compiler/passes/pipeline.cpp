// The pipeline: the passes in the order they run, top to bottom (all_passes below), with the verifier after
// each and, on request, the IR printed after each (`auger explain --emit ir --print-after-all`).
//
// The fusion rules. A plan groups an image's ops into kernels, each one pass over the pixels. The compiler plans
// the policy's IR statically, region by region; the sampler numbers each op of a sample's trace with its kernel
// of this plan and the fused executor runs exactly those kernels (runtime/fused/fusion_plan.h reads them off the
// trace), so the plan `auger explain --emit plan` shows is how the ops run. docs/language.md §11.13 says the
// same for users. Scanning ops in order, with one kernel being built:
//   1. Only consecutive ops group: ops next to each other in one region (the body, a seq, one alternative of a
//      choice), writing the same fields. A choice, a seq with @p, or an op on other fields ends the kernel; each
//      alternative of a one_of / some_of / match is planned on its own (the executor knows which ran). An op with
//      @p may join a kernel: the kernel gets a runtime enable flag for it.
//   2. Reference ops (no fused kernel: elastic; and any op but a store op on an f32 image) run alone.
//   3. Geometry (kernel classes Remap, Resample, Warp) heads a kernel: consecutive geometric ops form one sampling
//      head with at most ONE interpolating op (Resample or Warp); remaps (flips, crops, pads) fold into its map
//      exactly. A second interpolating op starts a new kernel: two nearest or bilinear resamplings composed into
//      one are not equal to doing them in turn, and the fused path must match the reference (ops.md §7). A
//      geometric op after pointwise or store ops starts a new kernel too.
//   4. A stencil (sharpness, gaussian_blur) heads a kernel of its own: it reads neighbours of its input, which
//      must be materialised.
//   5. Pointwise ops (Lut, Mix) and store ops (to_float, normalize, gaussian_noise, random_erasing, cutout) join
//      the kernel being built, whatever its head; with none being built they start one.
//   6. An op that needs statistics of its whole input (autocontrast, equalize, contrast) joins only a kernel that
//      has so far applied per-channel maps (Lut ops, contrast) to its materialised input; elsewhere it starts a
//      new kernel, and a statistics pre-pass reads the previous kernel's output.
// Passes: compose_geometry (3), isolate_stencils (4), fuse_pointwise and fuse_store (5), split_statistics (6),
// finish_plan (2). Each only decides which ops share a kernel; kernel_notes.cpp derives what a kernel says.
#include "compiler/passes/pipeline.h"

#include <fmt/format.h>

#include <ostream>

#include "compiler/ir/printer.h"
#include "compiler/ir/verifier.h"
#include "compiler/passes/passes.h"

namespace auger::passes {

const std::vector<Pass>& all_passes() {
  static const std::vector<Pass> passes = {
      {"fold_constants", fold_constants, "bind policy parameters and fold what draws nothing"},
      {"flatten", flatten, "splice transform bodies, drop @p(0)/@p(1), resolve single choices and matches"},
      {"compose_geometry", compose_geometry, "geometric ops head sampling kernels (one interpolation each)"},
      {"isolate_stencils", isolate_stencils, "each stencil heads a kernel of its own"},
      {"fuse_pointwise", fuse_pointwise, "colour ops join the kernel being built, or form a pointwise kernel"},
      {"fuse_store", fuse_store, "to_float, normalize and the f32 ops join the kernel being built: the store"},
      {"split_statistics", split_statistics, "split before ops whose input statistics the kernel cannot derive"},
      {"finish_plan", finish_plan, "reference ops alone; every image op in a kernel: the plan is complete"},
  };
  return passes;
}

const Pass* find_pass(std::string_view name) {
  for (const auto& p : all_passes()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

namespace {

void banner(const PipelineOptions& o, const ir::Function& f, std::string_view after) {
  if (!o.print_after_all || !o.out) return;
  *o.out << fmt::format("// ----- IR {} -----\n", after) << ir::print(f);
}

std::vector<std::string> failed(std::string_view pass, const std::vector<std::string>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(fmt::format("after {}: {}", pass, e));
  return out;
}

}  // namespace

std::vector<std::string> run_passes(ir::Function& f, const std::vector<std::string>& names, bool verify_each,
                                    const PipelineOptions& options) {
  std::vector<const Pass*> chosen;
  for (const auto& n : names) {
    const Pass* p = find_pass(n);
    if (!p) {
      std::string known;
      for (const auto& q : all_passes()) known += (known.empty() ? "" : ", ") + std::string(q.name);
      return {fmt::format("unknown pass `{}` (passes: {})", n, known)};
    }
    chosen.push_back(p);
  }
  banner(options, f, "as built");
  for (const auto* p : chosen) {
    p->run(f);
    banner(options, f, fmt::format("after {}", p->name));
    if (verify_each) {
      if (auto errors = ir::verify(f); !errors.empty()) return failed(p->name, errors);
    }
  }
  return {};
}

std::vector<std::string> run_pipeline(ir::Function& f, const PipelineOptions& options) {
  if (auto errors = ir::verify(f); !errors.empty()) return failed("the builder", errors);
  std::vector<std::string> names;
  for (const auto& p : all_passes()) names.emplace_back(p.name);
  return run_passes(f, names, true, options);
}

}  // namespace auger::passes
