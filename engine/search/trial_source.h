// Where a search's trials come from: the native grid and random samplers, or an Optuna study.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/search/search_space.h"
#include "engine/search/trial_command.h"

namespace auger::engine::search {

struct TrialRecord {
  long number = 0;
  Bindings args;
  TrialOutcome outcome;
};

struct AskedTrial {
  long number = 0;
  Bindings args;
};

// A source that cannot go on (the Optuna driver died or refused a request).
struct SourceBroken : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TrialSource {
 public:
  virtual ~TrialSource() = default;
  // The next trial, or nothing when the search has run its --trials (or the grid is done). Throws
  // SourceBroken when the source broke (the Optuna driver died).
  virtual std::optional<AskedTrial> ask() = 0;
  virtual void tell(const TrialRecord& done) = 0;
  // Every finished trial the report covers: this run's, and for a stored study, those of earlier runs and of
  // other processes too.
  virtual std::vector<TrialRecord> finished(const std::vector<TrialRecord>& this_run) = 0;
  // How many trials this run will ask for at most (for progress); 0 when unknown.
  [[nodiscard]] virtual std::size_t planned() const = 0;
};

}  // namespace auger::engine::search
