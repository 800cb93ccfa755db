#include "runtime/text/back_translation.h"

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>

#include "runtime/text/translation_cache.h"
#include "runtime/text/translator.h"

namespace auger::rt::text {

namespace {

// Translators by spec, made on first use and kept (a command's process stays running) for the process's life.
struct State {
  std::mutex mutex;
  std::optional<std::string> spec;  // the process's: set_translator's (else AUGER_TRANSLATOR's, read at each use)
  std::map<std::string, std::unique_ptr<Translator>> translators;
  // What batches brought back: a result or the reason it failed, by round trip. A sample's run takes its entry;
  // a collecting pass only reads it (the sample runs again).
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::string> results, failures;
};

State& state() {
  static State s;
  return s;
}

thread_local const std::string* scoped_spec = nullptr;
thread_local MissCollector* collector = nullptr;

Translator& translator() {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  // The variable is read at each use, not once: a Python process may set it between loaders.
  const char* env = s.spec ? nullptr : std::getenv("AUGER_TRANSLATOR");
  const std::string spec = scoped_spec && !scoped_spec->empty() ? *scoped_spec
                           : s.spec                             ? *s.spec
                                                                : std::string(env ? env : "");
  auto& t = s.translators[spec];
  if (!t) t = make_translator(spec);
  return *t;
}

// A batch's outcome for `key`, taken (or only read while collecting); nullopt when there is none.
std::optional<std::string> batch_outcome(const RoundTrip& key) {
  State& s = state();
  const auto k = std::make_tuple(key.text, key.from, key.via, key.translator);
  std::lock_guard<std::mutex> lock(s.mutex);
  if (auto it = s.failures.find(k); it != s.failures.end()) {
    const std::string why = it->second;
    if (!collector) s.failures.erase(it);
    throw std::runtime_error(why);
  }
  if (auto it = s.results.find(k); it != s.results.end()) {
    std::string out = it->second;
    if (!collector) s.results.erase(it);
    return out;
  }
  return std::nullopt;
}

void remember(const RoundTrip& key, const std::string* result, const std::string* failure) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.results.size() + s.failures.size() > 1000000) {  // outcomes no sample came back for: bounded
    s.results.clear();
    s.failures.clear();
  }
  const auto k = std::make_tuple(key.text, key.from, key.via, key.translator);
  if (result) s.results[k] = *result;
  if (failure) s.failures[k] = *failure;
}

}  // namespace

void set_translator(const std::string& spec) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.spec = spec;
}

TranslatorScope::TranslatorScope(std::string spec) : spec_(std::move(spec)), previous_(scoped_spec) {
  scoped_spec = &spec_;
}
TranslatorScope::~TranslatorScope() {
  scoped_spec = previous_;
}

MissCollector::MissCollector() : previous_(collector) {
  collector = this;
}
MissCollector::~MissCollector() {
  collector = previous_;
}

std::string current_translator_id() {
  return translator().id();
}

std::string back_translate_text(const std::string& text, const std::string& from, const std::string& via) {
  Translator& t = translator();
  const RoundTrip key{text, from, via, t.id()};
  if (auto done = batch_outcome(key)) return *done;
  if (auto hit = cached_translation(key)) return *hit;
  if (collector) {
    collector->add({&t, text, from, via});
    throw TranslationDeferred();
  }
  const std::string there = t.translate(text, from, via);
  const std::string back = t.translate(there, via, from);
  cache_translation(key, back);
  return back;
}

void translate_misses(const std::vector<Miss>& misses) {
  // Distinct texts per (translator, from, via), in the order they were met.
  std::map<std::tuple<Translator*, std::string, std::string>, std::vector<std::string>> groups;
  std::map<std::tuple<Translator*, std::string, std::string, std::string>, bool> seen;
  for (const auto& m : misses)
    if (!seen[{m.translator, m.from, m.via, m.text}]) {
      seen[{m.translator, m.from, m.via, m.text}] = true;
      groups[{m.translator, m.from, m.via}].push_back(m.text);
    }
  for (const auto& [group, texts] : groups) {
    const auto& [t, from, via] = group;
    for (std::size_t i = 0; i < texts.size(); i += kTranslationBatch) {
      const std::vector<std::string> slice(
          texts.begin() + static_cast<std::ptrdiff_t>(i),
          texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), i + kTranslationBatch)));
      try {
        const auto there = t->translate_many(slice, from, via);
        const auto back = t->translate_many(there, via, from);
        for (std::size_t k = 0; k < slice.size(); ++k) {
          const RoundTrip key{slice[k], from, via, t->id()};
          cache_translation(key, back[k]);
          remember(key, &back[k], nullptr);
        }
      } catch (const std::exception& e) {
        const std::string why = e.what();
        for (const auto& text : slice) remember({text, from, via, t->id()}, nullptr, &why);
      }
    }
  }
}

}  // namespace auger::rt::text
