#include "runtime/text/back_translation.h"

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>

#include "runtime/text/translation_cache.h"
#include "runtime/text/translator.h"

namespace auger::rt::text {

namespace {

struct State {
  std::mutex mutex;
  std::optional<std::string> spec;
  std::unique_ptr<Translator> translator;
};

State& state() {
  static State s;
  return s;
}

Translator& translator() {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.translator) {
    if (!s.spec) {
      const char* env = std::getenv("AUGER_TRANSLATOR");
      s.spec = env ? env : "";
    }
    s.translator = make_translator(*s.spec);
  }
  return *s.translator;
}

}  // namespace

void set_translator(const std::string& spec) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.spec = spec;
  s.translator.reset();
}

std::string back_translate_text(const std::string& text, const std::string& from, const std::string& via) {
  Translator& t = translator();
  const RoundTrip key{text, from, via, t.id()};
  if (auto hit = cached_translation(key)) return *hit;
  const std::string there = t.translate(text, from, via);
  const std::string back = t.translate(there, via, from);
  cache_translation(key, back);
  return back;
}

}  // namespace auger::rt::text
