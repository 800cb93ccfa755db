// `auger-opt FILE.ir --passes a,b,… [--verify]`: reads IR text (as `auger explain --emit ir` prints it), runs
// the named passes in the given order and prints the IR — so every pass is tested by a FileCheck test on text
// in, text out (like mlir-opt). Exit codes as auger's: 0 success, 1 bad input (syntax, verifier), 2 usage.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "compiler/ir/parser.h"
#include "compiler/ir/plan.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/verifier.h"
#include "compiler/passes/passes.h"
#include "compiler/passes/pipeline.h"

namespace {

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, passes, emit = "ir";
  bool verify = false, pipeline = false, print_after_all = false;
  CLI::App app{"auger-opt: run IR passes on IR text and print the result", "auger-opt"};
  app.add_option("FILE", file, "IR text (`-` reads stdin)")->required();
  app.add_option("--passes", passes, "Comma-separated passes to run, in order");
  app.add_flag("--pipeline", pipeline, "Run every pass, in the pipeline's order (after --passes, if both)");
  app.add_flag("--verify", verify, "Verify the input and the IR after each pass; errors exit 1");
  app.add_flag("--print-after-all", print_after_all, "Print the IR before the passes and after each");
  app.add_option("--emit", emit, "What to print at the end: ir, plan, or none")
      ->check(CLI::IsMember({"ir", "plan", "none"}));
  app.add_flag_callback(
      "--list-passes",
      [] {
        for (const auto& p : auger::passes::all_passes()) std::cout << p.name << ": " << p.summary << "\n";
        std::exit(0);
      },
      "List the passes in pipeline order and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "auger-opt: cannot read `" << file << "`\n";
      return 1;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string error;
  auto fn = auger::ir::parse(text, error);
  if (!fn) {
    std::cerr << file << ":" << error << "\n";
    return 1;
  }
  auto report = [&](const std::vector<std::string>& errors) {
    for (const auto& e : errors) std::cerr << "error: " << e << "\n";
    return errors.empty() ? 0 : 1;
  };
  if (verify) {
    if (int rc = report(auger::ir::verify(*fn))) return rc;
  }
  auto names = split_names(passes);
  if (pipeline) {
    for (const auto& p : auger::passes::all_passes()) names.emplace_back(p.name);
  }
  for (const auto& n : names) {
    if (!auger::passes::find_pass(n)) {
      std::cerr << "auger-opt: unknown pass `" << n << "` (--list-passes lists them)\n";
      return 2;
    }
  }
  auger::passes::PipelineOptions options;
  options.print_after_all = print_after_all;
  options.out = &std::cout;
  if (int rc = report(auger::passes::run_passes(*fn, names, verify, options))) {
    return rc;
  }
  if (emit == "ir" && !print_after_all) std::cout << auger::ir::print(*fn);
  if (emit == "plan") std::cout << auger::ir::render_plan(*fn);
  return 0;
}
