#include <unistd.h>

#include <cstdlib>

#include "tools/commands.h"

namespace auger::cli {

void add_front_options(CLI::App& cmd, FrontOptions& opts) {
  cmd.add_option("-I,--include", opts.include_paths,
                 "Folder searched for `import \"file.aug\"` after the importing file's own folder (repeatable)")
      ->allow_extra_args(false);  // one folder per flag: `-I lib a.aug` leaves a.aug a file to check
  cmd.add_option("--stdlib", opts.stdlib_dir, "Read std.* modules from this folder instead of the built-in copy")
      ->check(CLI::ExistingDirectory);
  cmd.add_option("--color", opts.color, "Colour diagnostics: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

bool use_color(const FrontOptions& opts) {
  if (opts.color == "always") return true;
  if (opts.color == "never") return false;
  if (std::getenv("NO_COLOR")) return false;
  return isatty(STDERR_FILENO) != 0;
}

}  // namespace auger::cli
