// The passes over the IR, one file each; pipeline.cpp runs them in order (and lists the fusion rules).
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"

namespace auger::passes {

// Substitutes policy parameters (their defaults, or the --set values) and folds every subexpression that draws
// nothing into a constant.
void fold_constants(ir::Function& f);
// Removes structure that cannot change what runs: transform bodies spliced into their caller, @p(0) statements
// removed and @p(1) dropped, single-alternative choices and matches on a known value replaced by the alternative.
void flatten(ir::Function& f);
// Consecutive geometric ops head sampling kernels with at most one interpolating op each; adds the decode ROI.
void compose_geometry(ir::Function& f);
// Each stencil op (sharpness, gaussian_blur) heads a kernel of its own.
void isolate_stencils(ir::Function& f);
// Lut and Mix ops join the kernel being built, or consecutive ones form one pointwise kernel.
void fuse_pointwise(ir::Function& f);
// Store ops (to_float, normalize, then the f32 ops) join the kernel being built: the final store.
void fuse_store(ir::Function& f);
// Splits kernels before an op that needs image-wide statistics of its input which its kernel cannot derive (a
// pre-pass computes them from the first kernel's output).
void split_statistics(ir::Function& f);
// Every image op still outside a kernel gets one of its own (reference ops); the plan is complete.
void finish_plan(ir::Function& f);

struct Pass {
  std::string_view name;
  void (*run)(ir::Function&);
  std::string_view summary;
};

// Every pass, in the order the pipeline runs them.
const std::vector<Pass>& all_passes();
const Pass* find_pass(std::string_view name);

}  // namespace auger::passes
