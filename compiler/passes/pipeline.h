// The pass pipeline: one readable function that runs the passes in order (pipeline.cpp).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace auger::passes {

struct PipelineOptions {
  bool print_after_all = false;  // print the IR as built, then after each pass, to `out`
  std::ostream* out = nullptr;
};

// Runs every pass in order, verifying the IR after each. Returns the verifier's complaints, each prefixed with
// the pass after which they appeared (the pipeline stops there); empty on success.
std::vector<std::string> run_pipeline(ir::Function& f, const PipelineOptions& options = {});

// Runs named passes (auger-opt); same result convention. An unknown name is reported before anything runs.
std::vector<std::string> run_passes(ir::Function& f, const std::vector<std::string>& names, bool verify_each,
                                    const PipelineOptions& options = {});

}  // namespace auger::passes
