#include "runtime/text/translator.h"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "runtime/io/source_detail.h"
#include "runtime/text/subprocess.h"

namespace auger::rt::text {

namespace {

using nlohmann::json;

}  // namespace

std::string one_line(std::string text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) text[i] = ' ';
    // U+0085 (NEL), U+2028 and U+2029 end a line for Python's splitlines() and for editors.
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) text.replace(i, 2, " ");
    if (c == 0xe2 && text.compare(i, 3, "\xE2\x80\xA8") == 0) text.replace(i, 3, " ");
    if (c == 0xe2 && text.compare(i, 3, "\xE2\x80\xA9") == 0) text.replace(i, 3, " ");
  }
  return text;
}

namespace {

Subprocess::Deadline deadline() {
  return std::chrono::steady_clock::now() + std::chrono::seconds(translator_timeout_seconds());
}

std::string request(const std::string& text, const std::string& from, const std::string& to) {
  return json{{"text", text}, {"from", from}, {"to", to}}.dump();
}

std::string batch_request(const std::vector<std::string>& texts, const std::string& from, const std::string& to) {
  return json{{"texts", texts}, {"from", from}, {"to", to}}.dump();
}

// A translation with no words is no translation: named as the translator's fault, not the sample's text.
std::string not_empty(std::string text, const std::string& who) {
  text = one_line(std::move(text));
  if (text.find_first_not_of(" \t") == std::string::npos) throw std::runtime_error(who + " answered an empty text");
  return text;
}

// {"texts": [as many strings as asked]} -> the texts; {"error": …} or anything else -> std::runtime_error.
std::vector<std::string> batch_answer(const std::string& body, const std::string& who, std::size_t n) {
  json j;
  try {
    j = json::parse(body);
  } catch (const std::exception&) {
    throw std::runtime_error(who + " answered something that is not JSON: " + body.substr(0, 200));
  }
  if (j.is_object() && j.contains("error")) throw std::runtime_error(who + ": " + j["error"].dump());
  if (!j.is_object() || !j.contains("texts") || !j["texts"].is_array() || j["texts"].size() != n)
    throw std::runtime_error(who + " answered a batch of " + std::to_string(n) + " texts without a \"texts\" list " +
                             "of as many: " + body.substr(0, 200));
  std::vector<std::string> out;
  for (const auto& t : j["texts"]) {
    if (!t.is_string()) throw std::runtime_error(who + " answered a text that is not a string: " + t.dump());
    out.push_back(not_empty(t.get<std::string>(), who));
  }
  return out;
}

// {"text": …} -> the text; {"error": …} or anything else -> std::runtime_error.
std::string answer(const std::string& body, const std::string& who) {
  json j;
  try {
    j = json::parse(body);
  } catch (const std::exception&) {
    throw std::runtime_error(who + " answered something that is not JSON: " + body.substr(0, 200));
  }
  if (j.is_object() && j.contains("text") && j["text"].is_string()) return not_empty(j["text"].get<std::string>(), who);
  if (j.is_object() && j.contains("error")) throw std::runtime_error(who + ": " + j["error"].dump());
  throw std::runtime_error(who + " answered without a \"text\": " + body.substr(0, 200));
}

// Why a command's child went away: "exited with status 127 (not found …)", "was killed by signal 11 (…)".
std::string exit_reason(Subprocess& child) {
  const int status = child.wait(std::chrono::steady_clock::now() + std::chrono::seconds(1));
  if (status == 127) return "exited with status 127 (the shell found no such command)";
  if (status > 128) return fmt::format("was killed by signal {} ({})", status - 128, ::strsignal(status - 128));
  return fmt::format("exited with status {}", status);
}

// A deadline passed: the command, the limit and what it was doing ("the translator `x` timed out after 60 s
// waiting for the answer").
std::runtime_error timed_out(const std::string& who, const TimedOut& e) {
  return std::runtime_error(fmt::format("{} timed out after {} s {} (AUGER_TRANSLATOR_TIMEOUT sets the limit)", who,
                                        translator_timeout_seconds(), e.what()));
}

class CommandTranslator final : public Translator {
 public:
  explicit CommandTranslator(std::string command) : command_(std::move(command)) {}
  std::string translate(const std::string& text, const std::string& from, const std::string& to) override {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
      if (!child_) child_ = std::make_unique<Subprocess>(std::vector<std::string>{"/bin/sh", "-c", command_});
      const auto until = deadline();
      child_->write(request(text, from, to) + "\n", until);
      return answer(child_->read_line(until), "the translator `" + command_ + "`");
    } catch (const ChildGone& e) {
      gone(e);
    } catch (const TimedOut& e) {
      child_.reset();
      throw timed_out("the translator `" + command_ + "`", e);
    } catch (const std::exception&) {
      child_.reset();  // a translator out of step or dead is restarted for the next request
      throw;
    }
  }
  std::vector<std::string> translate_many(const std::vector<std::string>& texts, const std::string& from,
                                          const std::string& to) override {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
      if (!child_) child_ = std::make_unique<Subprocess>(std::vector<std::string>{"/bin/sh", "-c", command_});
      const auto until = deadline();
      child_->write(batch_request(texts, from, to) + "\n", until);
      return batch_answer(child_->read_line(until), "the translator `" + command_ + "`", texts.size());
    } catch (const ChildGone& e) {
      gone(e);
    } catch (const TimedOut& e) {
      child_.reset();
      throw timed_out("the translator `" + command_ + "`", e);
    } catch (const std::exception&) {
      child_.reset();
      throw;
    }
  }
  [[nodiscard]] std::string id() const override { return command_; }

 private:
  // The child is gone: named with the command and how it ended, and restarted for the next request.
  [[noreturn]] void gone(const ChildGone& e) {
    const std::string reason = exit_reason(*child_);
    child_.reset();
    const bool unread = std::string_view(e.what()).find("stopped reading") != std::string_view::npos;
    throw std::runtime_error(fmt::format("the translator `{}` {} {}", command_, reason,
                                         unread ? "before reading its request" : "without answering"));
  }

  std::string command_;
  std::mutex mutex_;
  std::unique_ptr<Subprocess> child_;
};

// httplib's failure as a person would say it ("Connection" is a refused or unreachable endpoint, "Read" no answer
// within the timeout).
std::string http_failure(httplib::Error e) {
  const int s = translator_timeout_seconds();
  switch (e) {
    case httplib::Error::Connection: return "connection refused (is the translator running at that address?)";
    case httplib::Error::ConnectionTimeout: return fmt::format("timed out after {} s connecting", s);
    case httplib::Error::Read:
      return fmt::format(
          "timed out after {} s waiting for the answer (or the connection "
          "was closed)",
          s);
    case httplib::Error::Write: return "the connection was closed while sending the request";
    default: return httplib::to_string(e);
  }
}

class HttpTranslator final : public Translator {
 public:
  explicit HttpTranslator(std::string url) : url_(std::move(url)) {
    const auto rest = url_.substr(7);  // after "http://"
    const auto slash = rest.find('/');
    host_ = rest.substr(0, slash);
    path_ = slash == std::string::npos ? "/" : rest.substr(slash);
  }
  std::string translate(const std::string& text, const std::string& from, const std::string& to) override {
    return answer(post(request(text, from, to)), "the translator at " + url_);
  }
  std::vector<std::string> translate_many(const std::vector<std::string>& texts, const std::string& from,
                                          const std::string& to) override {
    return batch_answer(post(batch_request(texts, from, to)), "the translator at " + url_, texts.size());
  }
  [[nodiscard]] std::string id() const override { return url_; }

 private:
  std::string post(const std::string& body) const {
    httplib::Client client("http://" + host_);
    client.set_connection_timeout(translator_timeout_seconds());
    client.set_read_timeout(translator_timeout_seconds());
    client.set_write_timeout(translator_timeout_seconds());
    const auto res = client.Post(path_, body, "application/json");
    if (!res) throw std::runtime_error("the translator at " + url_ + ": " + http_failure(res.error()));
    if (res->status != 200)
      throw std::runtime_error("the translator at " + url_ + " answered HTTP " + std::to_string(res->status));
    return res->body;
  }

  std::string url_, host_, path_;
};

// ISO 639-1 codes (what text(lang) and `via` are written in) to Apertium's ISO 639-3 names.
std::string apertium_code(const std::string& lang) {
  static const std::map<std::string, std::string> codes = {
      {"en", "eng"}, {"es", "spa"}, {"fr", "fra"}, {"de", "deu"}, {"it", "ita"}, {"pt", "por"}, {"ca", "cat"},
      {"nl", "nld"}, {"sv", "swe"}, {"da", "dan"}, {"nb", "nob"}, {"nn", "nno"}, {"eu", "eus"}, {"gl", "glg"},
      {"ro", "ron"}, {"ru", "rus"}, {"uk", "ukr"}, {"pl", "pol"}, {"cs", "ces"}, {"eo", "epo"}, {"oc", "oci"},
      {"cy", "cym"}, {"ga", "gle"}, {"br", "bre"}, {"is", "isl"}, {"kk", "kaz"}, {"tt", "tat"}, {"ar", "ara"}};
  auto it = codes.find(lang);
  return it == codes.end() ? lang : it->second;
}

class ApertiumTranslator final : public Translator {
 public:
  std::string translate(const std::string& text, const std::string& from, const std::string& to) override {
    std::string out = run(text, from, to);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return one_line(std::move(out));
  }
  // A batch as one process, one text per line: Apertium keeps line breaks (a superblank no rule reads across), so
  // each line comes back as that text alone would. Texts holding a line break, or an answer with another number of
  // lines, go text by text.
  std::vector<std::string> translate_many(const std::vector<std::string>& texts, const std::string& from,
                                          const std::string& to) override {
    const bool lines_apart = std::none_of(
        texts.begin(), texts.end(), [](const std::string& t) { return t.find_first_of("\n\r") != std::string::npos; });
    if (texts.size() < 2 || !lines_apart) return Translator::translate_many(texts, from, to);
    std::string joined;
    for (const auto& t : texts) joined += t + "\n";
    std::vector<std::string> lines = io::detail::split_text_lines(run(joined, from, to));
    for (auto& line : lines) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      line = one_line(std::move(line));
    }
    if (lines.size() != texts.size()) return Translator::translate_many(texts, from, to);
    return lines;
  }
  [[nodiscard]] std::string id() const override { return "apertium"; }

 private:
  // `apertium -u MODE` on `input` (-u: unknown words without Apertium's `*` mark); its whole output.
  std::string run(const std::string& input, const std::string& from, const std::string& to) {
    const std::string mode = apertium_code(from) + "-" + apertium_code(to);
    const std::string back = apertium_code(to) + "-" + apertium_code(from);
    const auto& have = modes();
    if (!have.count(mode) || !have.count(back)) throw std::runtime_error(fmt_missing(from, to));
    Subprocess child({"apertium", "-u", mode});
    const auto until = deadline();
    std::string out;
    try {
      child.write(input, until);
      child.close_stdin();
      out = child.read_all(until);
    } catch (const TimedOut& e) {
      throw timed_out("`apertium -u " + mode + "`", e);
    }
    if (int rc = child.wait(until); rc != 0)
      throw std::runtime_error("apertium " + mode + " failed (exit status " + std::to_string(rc) + ")");
    return out;
  }

  static std::string fmt_missing(const std::string& from, const std::string& to) {
    return "back_translate " + from + " -> " + to + ": no translator is configured (--translator or " +
           "AUGER_TRANSLATOR) and Apertium has not both " + apertium_code(from) + "-" + apertium_code(to) + " and " +
           apertium_code(to) + "-" + apertium_code(from) + "; install Debian's apertium and the pair's package (" +
           "e.g. apertium-" + apertium_code(from) + "-" + apertium_code(to) + ") or configure a translator";
  }
  // `apertium -l`: the installed modes, one per line; none when apertium itself is missing.
  const std::set<std::string>& modes() {
    std::call_once(once_, [&] {
      try {
        Subprocess child({"apertium", "-l"});
        child.close_stdin();
        std::istringstream lines(child.read_all(deadline()));
        child.wait(deadline());
        for (std::string m; lines >> m;) modes_.insert(m);
      } catch (const std::exception&) {
        modes_.clear();
      }
    });
    return modes_;
  }
  std::once_flag once_;
  std::set<std::string> modes_;
};

}  // namespace

std::vector<std::string> Translator::translate_many(const std::vector<std::string>& texts, const std::string& from,
                                                    const std::string& to) {
  std::vector<std::string> out;
  for (const auto& text : texts) out.push_back(translate(text, from, to));
  return out;
}

int translator_timeout_seconds() {
  static const int seconds = [] {
    const char* env = std::getenv("AUGER_TRANSLATOR_TIMEOUT");
    const int v = env ? std::atoi(env) : 0;
    return v > 0 ? v : 60;
  }();
  return seconds;
}

std::string translator_spec_error(const std::string& spec) {
  if (spec.rfind("https://", 0) == 0)
    return "translator " + spec + ": only a local http:// endpoint is supported (no TLS: put a local proxy in front)";
  return "";
}

std::unique_ptr<Translator> make_translator(const std::string& spec) {
  if (const std::string why = translator_spec_error(spec); !why.empty()) throw std::invalid_argument(why);
  if (spec.empty() || spec == "apertium") return std::make_unique<ApertiumTranslator>();
  if (spec.rfind("http://", 0) == 0) return std::make_unique<HttpTranslator>(spec);
  return std::make_unique<CommandTranslator>(spec);
}

}  // namespace auger::rt::text
