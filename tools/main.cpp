// `auger`: one executable, one subcommand per file (cli.md).
#include <exception>
#include <iostream>

#include "tools/commands.h"

int main(int argc, char** argv) {
  using namespace auger::cli;
  CLI::App app{"auger: a compiler and runtime for data-augmentation policies (.aug files)", "auger"};
  app.set_version_flag("--version", "auger 0.1.0");
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 the input has errors, 2 wrong usage, 3 a run failed or an internal error.\n"
      "Run `auger COMMAND --help` for a command's options.");
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
  auto add = [&](std::function<int()> (*reg)(CLI::App&)) {
    auto before = app.get_subcommands({}).size();
    auto action = reg(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(action));
  };
  add(register_check);
  add(register_explain);
  add(register_apply);
  add(register_bench);
  add(register_run);
  add(register_preview);
  add(register_compile);
  add(register_lint);
  add(register_fmt);
  add(register_search);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  try {
    for (auto& [cmd, action] : commands) {
      if (!cmd->parsed()) continue;
      int rc = action();
      // A report that could not be written (a full disk, a closed pipe) is a failed run, not a success.
      std::cout.flush();
      if (!std::cout) {
        std::cerr << "auger: cannot write the output to stdout\n";
        return kExitRunFailed;
      }
      return rc;
    }
  } catch (const std::exception& e) {
    std::cerr << "auger: internal error: " << e.what() << " (this is a bug in auger, please report it)\n";
    return kExitRunFailed;
  }
  return kExitUsage;
}
