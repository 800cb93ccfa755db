#include "engine/search/trial_command.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <vector>

#include "engine/search/child_process.h"

namespace auger::engine::search {

namespace {

std::optional<double> number_word(const std::string& w) {
  if (w.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(w.c_str(), &end);
  if (end != w.c_str() + w.size() || !std::isfinite(v)) return std::nullopt;
  // strtod also reads "inf", "nan" and hex; only decimal numbers are scores.
  if (w.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
  return v;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  const auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

std::string failure_reason(const CommandResult& r, double timeout_s) {
  if (!r.spawn_error.empty()) return r.spawn_error;
  std::string why;
  if (r.timed_out)
    why = fmt::format("timed out after {}s (--timeout)", timeout_s);
  else if (r.signal)
    why = fmt::format("killed by signal {} ({})", r.signal, strsignal(r.signal));
  else if (r.exit_status != 0)
    why = fmt::format("exit status {}", r.exit_status);
  else
    why = "printed no number on stdout";
  const std::string tail = last_line(r.err);
  return tail.empty() ? why : why + ": " + tail;
}

}  // namespace

std::string shell_quote(const std::string& word) {
  if (!word.empty() &&
      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/=:+%@") ==
          std::string::npos)
    return word;
  return "'" + replace_all(word, "'", "'\\''") + "'";
}

std::string trial_command_text(const std::string& templ, const std::string& policy_path, const Bindings& b) {
  std::vector<std::string> words;
  for (const auto& x : b) words.push_back(shell_quote(x.name + "=" + x.text));
  // One pass over the template, so that a `{args}` inside the policy's path is not substituted again.
  std::string out;
  for (std::size_t i = 0; i < templ.size();) {
    if (templ.compare(i, 8, "{policy}") == 0) {
      out += shell_quote(policy_path);
      i += 8;
    } else if (templ.compare(i, 6, "{args}") == 0) {
      out += fmt::format("{}", fmt::join(words, " "));
      i += 6;
    } else {
      out += templ[i++];
    }
  }
  return out;
}

std::optional<double> last_number(const std::string& out) {
  std::istringstream in(out);
  std::string w;
  std::optional<double> last;
  while (in >> w) {
    const auto eq = w.rfind('=');
    if (auto v = number_word(eq == std::string::npos ? w : w.substr(eq + 1))) last = v;
  }
  return last;
}

TrialOutcome run_trial_command(const std::string& templ, const std::string& policy_path, const Bindings& b,
                               double timeout_s) {
  const EnvVars env = {{"AUGER_TRIAL_ARGS", bindings_json(b).dump()}, {"AUGER_TRIAL_SET", bindings_set_form(b)}};
  const CommandResult r = run_shell(trial_command_text(templ, policy_path, b), env, timeout_s);
  TrialOutcome t;
  t.seconds = r.seconds;
  const auto score =
      r.spawn_error.empty() && !r.timed_out && !r.signal && r.exit_status == 0 ? last_number(r.out) : std::nullopt;
  if (score)
    t.score = score;
  else
    t.error = failure_reason(r, timeout_s);
  return t;
}

}  // namespace auger::engine::search
