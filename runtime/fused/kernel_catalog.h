// The bounded set of kernels compiled ahead of time, at build time (runtime/fused/kernelgen), and how any kernel
// the planner makes is cut into members of that set.
//
// A planned kernel is a head followed by any sequence of steps (kernel_spec.h), so the structures a policy can
// produce grow with what its samples draw: RandAugment alone has hundreds. The catalog instead holds every head
// variant on its own, the heads with the common store tail (to_float, normalize) and every single step after the
// input or a host-sampled head; a longer kernel runs as a chain of members, each reading the image the previous
// one wrote. Every step computes the same f32 operations whichever kernel it sits in, so a chain gives the bytes
// the fused kernel would: only memory traffic is added, never a compile.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "runtime/fused/kernel_spec.h"

namespace auger::rt::fused {

// Every kernel compiled ahead of time, in a fixed order (the generator's and the registry's).
const std::vector<KernelSpec>& kernel_catalog();

// The members whose head is the input or in `heads` and whose steps are all in `steps`: every kernel a policy may
// run whose ops produce only those heads and steps.
std::vector<KernelSpec> catalog_members(const std::set<Head>& heads, const std::set<StepKind>& steps);

// Whether `spec`'s structure is a member of the catalog.
bool in_catalog(const KernelSpec& spec);

// One member of a cut kernel: steps [first, end) of the original kernel, after the original head (the first piece)
// or after an Input head reading the previous piece's result.
struct KernelPiece {
  KernelSpec spec;
  int first = 0, end = 0;
};

// `spec` cut into catalog members, greedily: each piece takes the longest run of the remaining steps that the
// catalog holds. A spec that is itself a member comes back whole, as one piece.
std::vector<KernelPiece> cut_into_catalog(const KernelSpec& spec);

}  // namespace auger::rt::fused
