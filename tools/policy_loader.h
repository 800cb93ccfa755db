// Loading a policy for the commands that run one (apply, bench, explain): check the file (diagnostics to
// stderr), find the policy, apply `--set name=value` overrides, build its IR, and compute the run's identity.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/sema/compilation.h"
#include "compiler/sema/program.h"
#include "tools/commands.h"

namespace auger::cli {

struct LoadedPolicy {
  std::unique_ptr<Compilation> comp;
  const Module* module = nullptr;
  const PolicyInfo* policy = nullptr;
  std::map<std::string, Value> overrides;  // --set, checked against the parameters' types and domains
  ir::Function fn;
  std::string file_sha256;  // of the policy file's bytes: part of the run's identity (language.md §6)
};

// Returns kExitOk and fills `out`, or prints why not to stderr and returns the exit code (1: errors in the
// file or a bad --set value; 2: no such policy / malformed --set).
int load_policy(const std::string& file, const std::string& policy, const std::vector<std::string>& sets,
                const FrontOptions& front, LoadedPolicy& out);

// Parses one `--set` value for a parameter (`12`, `30deg`, `[0.1, 0.2]`, `bilinear`, `true`), checked against its
// type and domain. Empty string on success, the reason otherwise.
std::string parse_override(const ParamInfo& param, const std::string& text, Value& out);

std::string sha256_file(const std::string& path);

// A `batch { }` block (mixup, cutmix) mixes collated batches, which only the Python loader makes: the per-sample
// commands say on stderr that they write samples without it rather than skip it silently.
void note_batch_block_skipped(const LoadedPolicy& lp, const std::string& command);  // hex; empty when unreadable

}  // namespace auger::cli
