// A command's side of loading a policy: the engine loads, this renders its diagnostics to stderr and turns the
// outcome into the command's exit code (cli.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/policy_loader.h"
#include "runtime/io/source.h"
#include "tools/commands.h"

namespace auger::cli {

engine::LoadOptions load_options(const FrontOptions& front);

// kExitOk and `out` filled, or the reason printed and 1 (errors in the file, a bad --set value) or 2 (no such
// policy, a malformed --set).
int load_policy(const std::string& file, const std::string& policy, const std::vector<std::string>& sets,
                const FrontOptions& front, engine::LoadedPolicy& out);

// Opens --input as a data set; prints why not (or that it holds no samples) and returns kExitRunFailed.
int open_input(const std::string& input, std::unique_ptr<rt::io::Source>& out);

// The per-sample commands write samples without a `batch { }` block (mixup, cutmix); they say so on stderr rather
// than skip it silently.
void note_batch_block_skipped(const engine::LoadedPolicy& lp, const std::string& command);

}  // namespace auger::cli
