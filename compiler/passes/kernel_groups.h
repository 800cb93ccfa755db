// What the fusion passes share: finding groups of consecutive ops of one class, and keeping kernels numbered.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/ir/regions.h"

namespace auger::passes {

// Calls `make(group, run, end)` for each maximal group of consecutive ops of a run that are in no kernel yet,
// satisfy `member` and write the same fields; `breaks(group, next)` may end a group before `next`. `end` is the
// position in the run just after the group.
void for_each_group(ir::Function& f, const std::function<bool(const ir::Node&)>& member,
                    const std::function<bool(const std::vector<ir::Node*>&, const ir::Node&)>& breaks,
                    const std::function<void(const std::vector<ir::Node*>&, const ir::Run&, std::size_t)>& make);

ir::Kernel make_kernel(std::string kind, const std::vector<ir::Node*>& ops);

// Numbers kernels in program order (by their first op) and marks each op with its kernel.
void renumber_kernels(ir::Function& f);

// "random_resized_crop, hflip"
std::string op_names(const std::vector<const ir::Node*>& ops);
std::string op_names(const std::vector<ir::Node*>& ops);

// A kernel's note is "WHAT; ENDS": what it does, then why it ends where it does. These split and join it.
std::string note_what(const std::string& note);
std::string note_ends(const std::string& note);  // "" when there is none
std::string make_note(const std::string& what, const std::string& ends);

}  // namespace auger::passes
