// The translators back_translate talks to (docs/text.md "Back-translation"). The person running a policy chooses
// one — a policy file never names a command or a URL — with `--translator CMD_OR_URL` or AUGER_TRANSLATOR:
//   - a command (run by /bin/sh), started once and kept running, speaking JSON lines: one request
//     {"text": …, "from": …, "to": …} (or {"texts": […], …} for a batch) per line on its stdin, one answer
//     {"text": …} ({"texts": […]}) or {"error": …} per line on its stdout;
//   - an http:// URL to which the same request is POSTed (Content-Type application/json), answered with the same
//     JSON;
//   - none: Apertium (Debian's `apertium` and a language-pair package), when it has both directions of the pair.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace auger::rt::text {

class Translator {
 public:
  virtual ~Translator() = default;
  // Throws std::runtime_error (a timeout, a crash, an {"error": …} answer, a missing pair).
  virtual std::string translate(const std::string& text, const std::string& from, const std::string& to) = 0;
  // Several texts in one request where the translator takes them (a command's or an endpoint's
  // {"texts": […], "from", "to"} -> {"texts": […]}, docs/text.md), else one by one; as many results as texts.
  virtual std::vector<std::string> translate_many(const std::vector<std::string>& texts, const std::string& from,
                                                  const std::string& to);
  // What the cache keys results by: the command line, the URL or "apertium".
  [[nodiscard]] virtual std::string id() const = 0;
};

// The seconds one request may take before it is that sample's error: AUGER_TRANSLATOR_TIMEOUT, else 60.
int translator_timeout_seconds();

// A translator's answer as one line of text: control characters (a line break, a NUL; a tab stays) and Unicode's
// line separators become spaces, so that a .txt output stays line-aligned with its input (docs/text.md).
std::string one_line(std::string text);

// Why `spec` can never be a translator ("https://…": only a local http:// endpoint is supported), or "" when it
// may be one. Commands (`--translator`), auger.load and the Loader ask before any sample runs.
std::string translator_spec_error(const std::string& spec);

// "" or "apertium" -> Apertium; "http://…" -> HTTP; anything else -> a command line. Throws
// std::invalid_argument with translator_spec_error's reason.
std::unique_ptr<Translator> make_translator(const std::string& spec);

}  // namespace auger::rt::text
