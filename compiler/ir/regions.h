// Runs: the ops that a kernel may group. Inside one region (the body, a `seq`, a `batch`) consecutive op nodes
// run one after the other whenever the first runs; any other node (a choice, a `seq` with `@p`) ends a run.
// Each alternative of a choice (one_of, some_of, match) is a region of its own: a single op, or a `seq`'s body.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace auger::ir {

struct Run {
  std::vector<Node*> ops;
  const Node* after = nullptr;   // the node that follows the run in its region; null at the region's end
  const Node* parent = nullptr;  // the node whose region this is (null: the policy body)
  bool alternative = false;      // the region is one alternative of a choice
};

std::vector<Run> op_runs(Function& f);

// Where each node comes in a pre-order walk (program order): kernels are numbered by their first op's.
std::map<std::string, int> program_order(const Function& f);

// Short descriptions for notes and plans: "`rotate` (line 31)", "the some_of from rand_augment (line 32)".
std::string describe(const Node& n);
// What comes after position `j` of the run (the op there, the node after the run, or the region's end).
std::string describe_next(const Run& run, std::size_t j);
// Why a kernel that ends at position `j` of the run ends there, for its note: "ends before `rotate` (line 31)",
// "ends with its alternative", "ends with the policy".
std::string ends_at(const Run& run, std::size_t j);

}  // namespace auger::ir
