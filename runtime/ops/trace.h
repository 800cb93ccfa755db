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
  // Which kernel of the compiler's fusion plan it runs in, numbered within the trace: consecutive ops with the same
  // number run as one kernel (runtime/fused executes the plan `auger explain --emit plan` prints). -1 for an op in
  // no kernel of the plan (off the image, or a trace made by hand): it runs as a kernel of its own.
  int kernel = -1;
};

struct Trace {
  std::vector<AppliedOp> ops;
};

}  // namespace auger::rt
