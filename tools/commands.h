// The `auger` subcommands: each file registers one subcommand and runs it.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace auger::cli {

// Exit codes (cli.md): success, input errors, wrong usage, a failed run or internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRunFailed = 3;

// Options every front-end command shares.
struct FrontOptions {
  std::vector<std::string> include_paths;
  std::string stdlib_dir;
  std::string color = "auto";
};
void add_front_options(CLI::App& cmd, FrontOptions& opts);
bool use_color(const FrontOptions& opts);

// Each returns the action to run once the command line is parsed.
std::function<int()> register_check(CLI::App& app);
std::function<int()> register_explain(CLI::App& app);
std::function<int()> register_apply(CLI::App& app);
std::function<int()> register_bench(CLI::App& app);
std::function<int()> register_run(CLI::App& app);
std::function<int()> register_preview(CLI::App& app);
std::function<int()> register_compile(CLI::App& app);
std::function<int()> register_lint(CLI::App& app);
std::function<int()> register_fmt(CLI::App& app);
std::function<int()> register_search(CLI::App& app);

}  // namespace auger::cli
