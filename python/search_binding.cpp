// `_auger.search`: the engine's search (engine/search/) with a Python callable as the objective; python/auger/
// search.py wraps it as auger.search.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>

#include "api/auger.h"
#include "compiler/diag/render.h"
#include "engine/policy_loader.h"
#include "engine/search/search_report.h"
#include "engine/search/search_run.h"

namespace py = pybind11;
namespace es = auger::engine::search;

namespace {

// A trial's bindings as auger.load's args: numbers and bools typed, values with a unit as their `--set` text.
py::dict trial_args(const es::SearchSpace& space, const es::Bindings& b) {
  py::dict out;
  for (const auto& x : b) {
    const es::SearchParam* p = space.find(x.name);
    const bool has_unit = p && p->dim != auger::Dim::None;
    if (x.value.is_boolean())
      out[py::str(x.name)] = x.value.get<bool>();
    else if (x.value.is_number_integer() && !has_unit)
      out[py::str(x.name)] = x.value.get<std::int64_t>();
    else if (x.value.is_number() && !has_unit)
      out[py::str(x.name)] = x.value.get<double>();
    else
      out[py::str(x.name)] = x.text;
  }
  return out;
}

void load_or_raise(const std::string& file, const std::string& policy,
                   const std::map<std::string, auger::ArgValue>& fixed, auger::engine::LoadedPolicy& lp) {
  auger::engine::PolicyRequest request{file, policy, {}, fixed};
  const auto result = auger::engine::load_policy(request, {}, lp);
  if (result.ok()) return;
  std::string why = lp.comp ? auger::render_text(lp.comp->diags().sorted(), lp.comp->sources(), {}) : "";
  if (!result.message.empty()) why += (why.empty() ? "" : "\n") + result.message;
  throw auger::Error(why.empty() ? "cannot load `" + file + "`" : why);
}

// objective(args: dict) -> (score or None, error text); its exceptions other than the ones it turns into failed
// trials (KeyboardInterrupt) end the search.
std::string search(const std::string& file, const std::string& policy,
                   const std::map<std::string, auger::ArgValue>& fixed, const es::SearchOptions& options,
                   const py::function& objective, const py::object& progress) {
  auger::engine::LoadedPolicy lp;
  load_or_raise(file, policy, fixed, lp);
  es::SearchSpace space = es::search_space(*lp.policy);
  std::erase_if(space.params, [&](const es::SearchParam& p) { return fixed.count(p.name) > 0; });
  es::SearchOptions o = options;
  if (!o.storage.empty() && o.study.empty()) o.study = es::default_study_name(file, lp.policy->name);
  const auto run_one = [&](const es::Bindings& b) {
    const auto t0 = std::chrono::steady_clock::now();
    const py::tuple r = objective(trial_args(space, b));
    es::TrialOutcome out;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r[0].is_none())
      out.error = r[1].cast<std::string>();
    else
      out.score = r[0].cast<double>();
    return out;
  };
  es::Progress report;
  if (!progress.is_none())
    report = [&](const es::TrialRecord& t, std::size_t i, std::size_t n, const es::TrialRecord* best) {
      progress(t.number, i, n, es::bindings_json(t.args).dump(),
               t.outcome.score ? py::cast(*t.outcome.score) : py::none(), t.outcome.error,
               best && best->outcome.score ? py::cast(*best->outcome.score) : py::none());
    };
  es::SearchResult result;
  std::string why;
  const auto status = es::run_search(*lp.policy, space, o, run_one, report, result, why);
  if (status != es::SearchStatus::Ok) throw auger::Error(why);
  return es::result_json(result).dump();
}

}  // namespace

void bind_search(py::module_& m) {
  py::class_<es::SearchOptions>(m, "SearchOptions")
      .def(py::init<>())
      .def_readwrite("strategy", &es::SearchOptions::strategy)
      .def_readwrite("trials", &es::SearchOptions::trials)
      .def_readwrite("seed", &es::SearchOptions::seed)
      .def_readwrite("minimize", &es::SearchOptions::minimize)
      .def_readwrite("storage", &es::SearchOptions::storage)
      .def_readwrite("study", &es::SearchOptions::study)
      .def_readwrite("python", &es::SearchOptions::python);
  m.def("search", &search, py::arg("file"), py::arg("policy"), py::arg("fixed"), py::arg("options"),
        py::arg("objective"), py::arg("progress"), "See auger.search");
}
