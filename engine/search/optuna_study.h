// A search's trials from an Optuna study (tpe, evolution, and every strategy when --storage is given), through the
// driver in optuna_driver.py run as a child Python.
#pragma once

#include <memory>
#include <string>

#include "engine/search/child_process.h"
#include "engine/search/grid.h"
#include "engine/search/trial_source.h"

namespace auger::engine::search {

struct OptunaOptions {
  std::string python;  // the interpreter: $AUGER_PYTHON, else /usr/bin/python3
  std::string strategy;
  std::uint64_t seed = 0;
  std::size_t trials = 0;
  bool minimize = false;
  std::string storage, study;
};

struct OptunaStart {
  enum class Status { Ok, Missing, Failed } status = Status::Ok;
  std::string message;
};

class OptunaStudy : public TrialSource {
 public:
  OptunaStudy(const SearchSpace& space, OptunaOptions options) : space_(space), options_(std::move(options)) {}
  OptunaStart start(const GridAxes& grid);  // grid: the points GridSampler walks (strategy grid)
  std::optional<AskedTrial> ask() override;
  void tell(const TrialRecord& done) override;
  std::vector<TrialRecord> finished(const std::vector<TrialRecord>& this_run) override;
  [[nodiscard]] std::size_t planned() const override { return planned_; }

 private:
  nlohmann::json request(const nlohmann::json& req);
  Bindings bindings(const nlohmann::json& args) const;

  const SearchSpace& space_;
  OptunaOptions options_;
  LineChild driver_;
  std::size_t planned_ = 0;
};

std::string default_python();  // $AUGER_PYTHON or /usr/bin/python3

}  // namespace auger::engine::search
