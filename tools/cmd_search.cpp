// `auger search FILE --policy P --eval 'CMD {policy} {args}' --trials N`: policy search over the parameters'
// domains (cli.md "auger search", docs/search.md).
#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "engine/search/child_process.h"
#include "engine/search/optuna_study.h"
#include "engine/search/search_plot.h"
#include "engine/search/search_report.h"
#include "engine/search/search_run.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/u64_option.h"

namespace auger::cli {

namespace {

namespace es = engine::search;

struct SearchOpts {
  std::string file, policy, eval, plot;
  std::vector<std::string> sets;
  es::SearchOptions search;
  double timeout_s = 0;
  bool json = false, quiet = false;
  FrontOptions front;
};

volatile std::sig_atomic_t g_signal = 0;

// An interrupted search leaves no trial running: its process group is killed, the search stops after it and
// reports the trials that finished. A second signal ends this process at once.
void on_interrupt(int sig) {
  es::kill_running_command();
  if (g_signal != 0) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
  g_signal = sig;
}

void add_options(CLI::App& cmd, SearchOpts& o) {
  cmd.add_option("FILE", o.file, "The policy file (.aug)")->required();
  cmd.add_option("-p,--policy", o.policy, "The policy to search (optional when the file has one)");
  cmd.add_option("--eval", o.eval,
                 "The command that scores a trial, run by /bin/sh: {policy} becomes the policy file's path, {args} "
                 "the trial's name=value words; AUGER_TRIAL_ARGS (JSON) and AUGER_TRIAL_SET (--set words) hold "
                 "them too. The score is the last number it prints on stdout")
      ->required();
  cmd.add_option("--trials", o.search.trials, "How many trials (with --storage: the study's total)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--strategy", o.search.strategy, "grid, random (default), tpe (Optuna) or evolution (Optuna's CMA-ES)")
      ->check(CLI::IsMember({"grid", "random", "tpe", "evolution"}));
  add_u64_option(cmd, "--seed", o.search.seed, "The sampler's seed (default 0): the same seed, the same trials");
  cmd.add_flag("--minimize", o.search.minimize, "Lower scores are better (default: higher)");
  cmd.add_option("--timeout", o.timeout_s, "Seconds a trial may run before it is killed and failed (default: none)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--storage", o.search.storage,
                 "An Optuna storage URL (sqlite:///study.db): the search resumes there and several processes or "
                 "machines share it");
  cmd.add_option("--study", o.search.study, "The study's name in --storage (default: FILE's stem and the policy)");
  cmd.add_option("--set", o.sets, "Fix a parameter instead of searching it; passed to every trial (repeatable)")
      ->allow_extra_args(false);
  cmd.add_flag("--json", o.json, "Print the result as JSON on stdout (cli.md's shape) instead of a table");
  cmd.add_option("--plot", o.plot, "Also draw score against each parameter into this PNG (needs matplotlib)");
  cmd.add_flag("-q,--quiet", o.quiet, "No per-trial progress on stderr");
  add_front_options(cmd, o.front);
  cmd.footer(
      "A failing trial (non-zero exit, no number, killed by --timeout) is recorded with its reason and the search "
      "goes on. tpe, evolution and --storage need Optuna (python3-optuna) in $AUGER_PYTHON or /usr/bin/python3.\n"
      "Exit codes: 0 done, 1 errors in the policy file or a bad --set, 2 wrong usage (nothing to search, no "
      "Optuna, an empty --eval, a --plot folder that does not exist), 3 every trial failed or the search broke, "
      "130/143 interrupted by Ctrl-C/SIGTERM (the finished trials are reported first).");
}

void print_progress(const es::TrialRecord& t, std::size_t i, std::size_t n, const es::TrialRecord* best) {
  const std::string result =
      t.outcome.score ? fmt::format("{:.6g}", *t.outcome.score) : "failed (" + t.outcome.error + ")";
  // The trial's number as the table, the JSON's order and Optuna's storage count (from 0), then how far this run is.
  std::string line = fmt::format("trial {} ({}{}): {} -> {} ({:.2f}s)", t.number, i, n ? fmt::format("/{}", n) : "",
                                 es::bindings_set_form(t.args), result, t.outcome.seconds);
  if (best && best->outcome.score)
    line += fmt::format("; best {:.6g} ({})", *best->outcome.score, es::bindings_set_form(best->args));
  std::cerr << line << "\n";
}

// Removes the --set parameters from the space; returns their bindings, passed to every trial.
es::Bindings fix_parameters(const SearchOpts& o, const engine::LoadedPolicy& lp, es::SearchSpace& space) {
  es::Bindings fixed;
  for (const auto& s : o.sets) {
    const std::string name = s.substr(0, s.find('='));
    fixed.push_back(es::fixed_binding(name, lp.overrides.at(name), s.substr(s.find('=') + 1)));
    std::erase_if(space.params, [&](const es::SearchParam& p) { return p.name == name; });
  }
  return fixed;
}

int report(const SearchOpts& o, const engine::LoadedPolicy& lp, const es::SearchSpace& space,
           const es::SearchResult& r) {
  if (o.json)
    std::cout << es::result_json(r).dump(2) << "\n";
  else
    std::cout << es::result_table(space, r);
  if (!o.plot.empty()) {
    const auto title = fmt::format("auger search: {} ({})", lp.policy->name, o.search.strategy);
    const auto plot = es::write_plot(es::default_python(), title, space, r, o.plot);
    if (!plot.ok) {
      std::cerr << "error: --plot: " << plot.message << "\n";
      return plot.missing ? kExitUsage : kExitRunFailed;
    }
  }
  if (!r.best) {
    std::cerr << "error: every trial failed\n";
    return kExitRunFailed;
  }
  return kExitOk;
}

// Usage errors that would otherwise surface only after every trial had run (or failed).
std::string refused_up_front(const SearchOpts& o) {
  if (o.eval.find_first_not_of(" \t\r\n") == std::string::npos)
    return "--eval is empty: give the command that scores a trial";
  if (!o.plot.empty()) {
    const std::filesystem::path plot(o.plot);
    const auto folder = plot.has_parent_path() ? plot.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
      return fmt::format("--plot {}: the folder {} does not exist", o.plot, folder.string());
    if (std::filesystem::is_directory(plot, ec)) return fmt::format("--plot {}: is a folder", o.plot);
    if (access(folder.c_str(), W_OK) != 0)
      return fmt::format("--plot {}: the folder {} is not writable", o.plot, folder.string());
  }
  return "";
}

// Ctrl-C or SIGTERM: the finished trials' table or JSON (no plot), then 128 + the signal.
int report_interrupted(const SearchOpts& o, const es::SearchSpace& space, const es::SearchResult& r, int sig) {
  if (o.json)
    std::cout << es::result_json(r).dump(2) << "\n";
  else
    std::cout << es::result_table(space, r);
  std::cout.flush();
  std::cerr << fmt::format("error: interrupted by {} after {} finished trial{}\n", sig == SIGINT ? "SIGINT" : "SIGTERM",
                           r.trials.size(), r.trials.size() == 1 ? "" : "s");
  return 128 + sig;
}

int run(const SearchOpts& o_in) {
  SearchOpts o = o_in;
  if (auto bad = refused_up_front(o); !bad.empty()) {
    std::cerr << "error: " << bad << "\n";
    return kExitUsage;
  }
  engine::LoadedPolicy lp;
  if (int rc = load_policy(o.file, o.policy, o.sets, o.front, lp); rc != kExitOk) return rc;
  es::SearchSpace space = es::search_space(*lp.policy);
  const es::Bindings fixed = fix_parameters(o, lp, space);
  if (!o.search.storage.empty() && o.search.study.empty())
    o.search.study = es::default_study_name(o.file, lp.policy->name);
  const auto objective = [&](const es::Bindings& b) {
    es::Bindings all = b;
    all.insert(all.end(), fixed.begin(), fixed.end());
    return es::run_trial_command(o.eval, o.file, all, o.timeout_s);
  };
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  o.search.stop = [] { return g_signal != 0; };
  es::SearchResult result;
  std::string why;
  const auto status = es::run_search(*lp.policy, space, o.search, objective,
                                     o.quiet ? es::Progress() : es::Progress(print_progress), result, why);
  if (g_signal != 0) return report_interrupted(o, space, result, g_signal);
  if (status == es::SearchStatus::Usage) {
    std::cerr << "error: " << why << "\n";
    return kExitUsage;
  }
  if (status == es::SearchStatus::Failed) {
    std::cerr << "error: the search stopped: " << why << "\n";
    if (!result.trials.empty()) report(o, lp, space, result);
    return kExitRunFailed;
  }
  if (o.search.strategy == "grid" && result.grid_points > o.search.trials && !o.quiet)
    std::cerr << fmt::format("note: the grid has {} points; --trials {} ran the first {}\n", result.grid_points,
                             o.search.trials, o.search.trials);
  if (o.search.strategy == "grid" && result.grid_points < o.search.trials && !o.quiet)
    std::cerr << fmt::format("note: the grid has {} points, fewer than --trials {}: it ran them all\n",
                             result.grid_points, o.search.trials);
  return report(o, lp, space, result);
}

}  // namespace

std::function<int()> register_search(CLI::App& app) {
  auto o = std::make_shared<SearchOpts>();
  auto* cmd = app.add_subcommand("search", "Search a policy's parameter domains for the best score of a command");
  add_options(*cmd, *o);
  return [o]() { return run(*o); };
}

}  // namespace auger::cli
