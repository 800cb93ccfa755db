// Whether a process may write its part of a run into --output, and what it finds there (cli.md "Output folders"):
// an empty or new folder; a folder holding this run (another process's part, or this one's to --resume); an
// earlier run (refused unless --force); or files auger did not write (refused unless --force).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/offline/run_options.h"

namespace auger::engine::offline {

struct FolderPlan {
  Outcome outcome;
  bool resume = false;       // keep this process's completed shards (--resume over the same identity)
  bool earlier_run = false;  // the folder holds an auger run (its files are remembered, to remove at the merge)
  bool same = false;         // ... with this identity
};

// Whether this process may write into the folder, and how; writes nothing.
FolderPlan check_output_folder(const std::filesystem::path& dir, const nlohmann::ordered_json& identity, int rank,
                               bool resume, bool force);

// Creates DIR/.auger, records the identity in run.json and, when this process starts over an earlier run, what
// that run wrote (so the merge can remove what the new run does not list). Throws IoError.
void prepare_output_folder(const std::filesystem::path& dir, const nlohmann::ordered_json& identity, int rank,
                           const FolderPlan& plan);

}  // namespace auger::engine::offline
