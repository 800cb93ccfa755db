#include "engine/search/search_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "engine/policy_loader.h"
#include "engine/search/grid.h"
#include "engine/search/optuna_study.h"
#include "engine/search/random_sampler.h"

namespace auger::engine::search {

namespace {

class GridSource : public TrialSource {
 public:
  GridSource(GridAxes axes, std::size_t trials) : axes_(std::move(axes)), n_(std::min(trials, grid_size(axes_))) {}
  std::optional<AskedTrial> ask() override {
    if (next_ >= n_) return std::nullopt;
    const auto i = next_++;
    return AskedTrial{static_cast<long>(i), grid_point(axes_, i)};
  }
  void tell(const TrialRecord&) override {}
  std::vector<TrialRecord> finished(const std::vector<TrialRecord>& this_run) override { return this_run; }
  [[nodiscard]] std::size_t planned() const override { return n_; }

 private:
  GridAxes axes_;
  std::size_t n_, next_ = 0;
};

class RandomSource : public TrialSource {
 public:
  RandomSource(const SearchSpace& space, std::size_t trials, std::uint64_t seed)
      : space_(space), sampler_(seed), n_(trials) {}
  std::optional<AskedTrial> ask() override {
    if (next_ >= n_) return std::nullopt;
    return AskedTrial{static_cast<long>(next_++), sampler_.next(space_)};
  }
  void tell(const TrialRecord&) override {}
  std::vector<TrialRecord> finished(const std::vector<TrialRecord>& this_run) override { return this_run; }
  [[nodiscard]] std::size_t planned() const override { return n_; }

 private:
  const SearchSpace& space_;
  RandomSampler sampler_;
  std::size_t n_, next_ = 0;
};

// The same check as `--set`. A plain number or bool is bound as a typed value, which checks the same type and
// domain without parsing its text as an expression of the language (a fresh front end per trial would cost more
// than the rest of a trial's overhead).
std::string check_binding(const ParamInfo& p, const Binding& x) {
  Value v;
  if (x.value.is_boolean()) return bind_argument(p, ArgValue(x.value.get<bool>()), v);
  if (x.value.is_number_integer() && p.type.required_dim() == Dim::None)
    return bind_argument(p, ArgValue(x.value.get<std::int64_t>()), v);
  if (x.value.is_number() && p.type.required_dim() == Dim::None)
    return bind_argument(p, ArgValue(x.value.get<double>()), v);
  return parse_override(p, x.text, v);
}

// A trial whose value the policy would refuse does not run.
std::string check_bindings(const PolicyInfo& policy, const Bindings& b) {
  for (const auto& x : b) {
    for (const auto& p : policy.params) {
      if (p.name != x.name) continue;
      if (auto bad = check_binding(p, x); !bad.empty())
        return fmt::format("argument {}={} refused: {}", x.name, x.text, bad);
    }
  }
  return "";
}

SearchStatus make_source(const SearchSpace& space, const SearchOptions& o, std::unique_ptr<TrialSource>& out,
                         std::size_t& grid_points, std::string& why) {
  GridAxes axes = o.strategy == "grid" ? grid_axes(space, o.trials) : GridAxes{};
  grid_points = o.strategy == "grid" ? grid_size(axes) : 0;
  const bool native = o.storage.empty() && (o.strategy == "grid" || o.strategy == "random");
  if (native && o.strategy == "grid") out = std::make_unique<GridSource>(std::move(axes), o.trials);
  if (native && o.strategy == "random") out = std::make_unique<RandomSource>(space, o.trials, o.seed);
  if (native) return SearchStatus::Ok;
  OptunaOptions oo{
      o.python.empty() ? default_python() : o.python, o.strategy, o.seed, o.trials, o.minimize, o.storage, o.study};
  if (o.strategy == "grid") oo.trials = std::min(o.trials, grid_points);
  auto study = std::make_unique<OptunaStudy>(space, oo);
  const OptunaStart started = study->start(axes);
  if (started.status != OptunaStart::Status::Ok) {
    why = started.message;
    return started.status == OptunaStart::Status::Missing ? SearchStatus::Usage : SearchStatus::Failed;
  }
  out = std::move(study);
  return SearchStatus::Ok;
}

}  // namespace

bool better(const TrialOutcome& a, const TrialOutcome& b, bool minimize) {
  if (!a.score) return false;
  if (!b.score) return true;
  return minimize ? *a.score < *b.score : *a.score > *b.score;
}

SearchStatus run_search(const PolicyInfo& policy, const SearchSpace& space, const SearchOptions& options,
                        const Objective& objective, const Progress& progress, SearchResult& out, std::string& why) {
  if (std::find(std::begin(kStrategies), std::end(kStrategies), options.strategy) == std::end(kStrategies)) {
    why = fmt::format("unknown strategy `{}` (grid, random, tpe or evolution)", options.strategy);
    return SearchStatus::Usage;
  }
  if (space.params.empty()) {
    why = fmt::format("policy `{}` has no parameter with a domain, an enum or a bool type: nothing to search",
                      policy.name);
    return SearchStatus::Usage;
  }
  std::unique_ptr<TrialSource> source;
  if (auto s = make_source(space, options, source, out.grid_points, why); s != SearchStatus::Ok) return s;
  std::vector<TrialRecord> this_run;
  const TrialRecord* best = nullptr;
  const auto stopped = [&] { return options.stop && options.stop(); };
  try {
    while (!stopped()) {
      auto asked = source->ask();
      if (!asked) break;
      TrialRecord r{asked->number, asked->args, {}};
      if (auto bad = check_bindings(policy, r.args); !bad.empty())
        r.outcome.error = bad;
      else
        r.outcome = objective(r.args);
      if (stopped()) break;
      source->tell(r);
      this_run.push_back(std::move(r));
      best = nullptr;  // this_run may have moved
      for (const auto& t : this_run)
        if (!best || better(t.outcome, best->outcome, options.minimize)) best = &t;
      if (progress) progress(this_run.back(), this_run.size(), source->planned(), best);
    }
    out.trials = stopped() ? this_run : source->finished(this_run);
  } catch (const SourceBroken& e) {  // an objective's own exceptions (Python's) go on up
    why = e.what();
    out.trials = this_run;
    return SearchStatus::Failed;
  }
  std::sort(out.trials.begin(), out.trials.end(),
            [](const TrialRecord& a, const TrialRecord& b) { return a.number < b.number; });
  for (std::size_t i = 0; i < out.trials.size(); ++i)
    if (!out.best || better(out.trials[i].outcome, out.trials[*out.best].outcome, options.minimize)) out.best = i;
  if (out.best && !out.trials[*out.best].outcome.score) out.best.reset();
  return SearchStatus::Ok;
}

std::string default_study_name(const std::string& file, const std::string& policy) {
  std::string stem = file.substr(file.find_last_of('/') + 1);
  if (stem.size() > 4 && stem.ends_with(".aug")) stem.resize(stem.size() - 4);
  return stem + "-" + policy;
}

}  // namespace auger::engine::search
