// What the fusion passes share: finding groups of consecutive ops, joining the kernel being built, and keeping
// kernels numbered and described.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/ir/regions.h"

namespace auger::passes {

// Calls `make(group, run, end)` for each maximal group of consecutive ops of a run that are in no kernel yet,
// satisfy `member` and write the same fields; `breaks(group, next)` may end a group before `next`. `end` is the
// position in the run just after the group. Kernels may change in `make`; runs are computed once, before.
void for_each_group(ir::Function& f, const std::function<bool(const ir::Node&)>& member,
                    const std::function<bool(const std::vector<ir::Node*>&, const ir::Node&)>& breaks,
                    const std::function<void(const std::vector<ir::Node*>&, const ir::Run&, std::size_t)>& make);

// A new kernel over `ops`; its kind and note are derived by finalize_kernels.
ir::Kernel make_kernel(const std::vector<ir::Node*>& ops);

// Rule "tail ops join the kernel being built": pointwise and store ops `group` (ending at `end` in `run`) join
// the kernel of the op right before them, unless that op is in no kernel or runs alone on the reference path;
// otherwise they start a kernel of their own. A kernel of tail ops that starts right after them (made by another
// pass, which found nothing being built) joins them in turn.
void attach(ir::Function& f, const std::vector<ir::Node*>& group, const ir::Run& run, std::size_t end);

// Numbers kernels in program order (by their first op), marks each op with its kernel, and derives each
// kernel's kind, map, statistics and note from its ops (kernel_notes.cpp). Every planning pass ends with it.
void finalize_kernels(ir::Function& f);

// "random_resized_crop, hflip"
std::string op_names(const std::vector<const ir::Node*>& ops);

}  // namespace auger::passes
