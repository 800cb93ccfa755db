// A search: trials from the chosen strategy, each evaluated by the caller's objective (a shell command for the CLI,
// a Python function for auger.search), failures recorded and the search going on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/program.h"
#include "engine/search/search_space.h"
#include "engine/search/trial_source.h"

namespace auger::engine::search {

inline constexpr const char* kStrategies[] = {"grid", "random", "tpe", "evolution"};

struct SearchOptions {
  std::string strategy = "random";
  std::size_t trials = 0;
  std::uint64_t seed = 0;
  bool minimize = false;
  std::string storage, study;  // Optuna's storage URL and study name (empty: in memory, native where it can be)
  std::string python;          // the interpreter for Optuna (empty: default_python())
  // Asked before each trial and after it: true stops the search (Ctrl-C), the trial that was running dropped and the
  // report holding this run's finished trials (not the study's: its driver may have been interrupted too).
  std::function<bool()> stop;
};

struct SearchResult {
  std::vector<TrialRecord> trials;  // by number
  std::optional<std::size_t> best;  // index into trials
  std::size_t grid_points = 0;      // grid: how many points the whole grid has
};

enum class SearchStatus { Ok, Usage, Failed };

// The objective of one trial (its bindings already checked against the policy's domains).
using Objective = std::function<TrialOutcome(const Bindings&)>;
// Called after each trial: the trial, its 1-based index in this run, the run's planned count (0: unknown), the
// best so far.
using Progress = std::function<void(const TrialRecord&, std::size_t, std::size_t, const TrialRecord*)>;

SearchStatus run_search(const PolicyInfo& policy, const SearchSpace& space, const SearchOptions& options,
                        const Objective& objective, const Progress& progress, SearchResult& out, std::string& why);

// The study a --storage search uses without --study: the policy file's stem and the policy ("imagenet-train").
std::string default_study_name(const std::string& file, const std::string& policy);

// Whether `a` scores better than `b` (failed trials never do).
bool better(const TrialOutcome& a, const TrialOutcome& b, bool minimize);

}  // namespace auger::engine::search
