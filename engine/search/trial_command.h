// One trial of `auger search` as a shell command (cli.md "auger search"): `{policy}` and `{args}` substituted
// (shell-quoted), the bindings in AUGER_TRIAL_ARGS (JSON) and AUGER_TRIAL_SET (`--set` words), the score the last
// number the command prints on stdout.
#pragma once

#include <optional>
#include <string>

#include "engine/search/search_space.h"

namespace auger::engine::search {

struct TrialOutcome {
  std::optional<double> score;  // empty: a failed trial
  std::string error;            // why it failed
  double seconds = 0;
};

std::string shell_quote(const std::string& word);
// `template` with `{policy}` -> the quoted path and `{args}` -> `name=value` words, each quoted.
std::string trial_command_text(const std::string& templ, const std::string& policy_path, const Bindings& b);
// The last whitespace-separated word of `out` that is a finite number (or, in a `name=value` word, whose value
// is), if any.
std::optional<double> last_number(const std::string& out);

TrialOutcome run_trial_command(const std::string& templ, const std::string& policy_path, const Bindings& b,
                               double timeout_s);

}  // namespace auger::engine::search
