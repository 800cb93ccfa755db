// What the sampler decided for one sample: the ops that run, in order, with every argument concrete. The
// reference and the fused executors run a Trace; `auger apply` reports it as "params" (per statement site).
#pragma once

#include <string>
#include <vector>

#include "runtime/ops/args.h"

namespace auger::rt {

struct AppliedOp {
  std::string site;                  // language.md §6 statement site ("#k" appended for the k-th repeat of some_of)
  std::string op;                    // the op's name
  Args args;                         // resolved: defaults filled, random values drawn, internal draws made
  std::vector<std::string> targets;  // the fields it writes
};

struct Trace {
  std::vector<AppliedOp> ops;
};

}  // namespace auger::rt
