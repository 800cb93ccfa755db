// Which translator back_translate uses (translator.h) and the round trip through it and the disk cache
// (translation_cache.h), one text at a time or, for a chunk of samples, in batched requests (docs/text.md).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace auger::rt::text {

class Translator;

// The translator the person running the policy chose (`--translator`); when never called, AUGER_TRANSLATOR, else
// none (Apertium). Call before the first sample.
void set_translator(const std::string& spec);

// While alive, back_translate on this thread uses `spec` (a Python `translator=`); empty: the process's.
class TranslatorScope {
 public:
  explicit TranslatorScope(std::string spec);
  ~TranslatorScope();
  TranslatorScope(const TranslatorScope&) = delete;
  TranslatorScope& operator=(const TranslatorScope&) = delete;

 private:
  std::string spec_;
  const std::string* previous_;
};

// What the cache keys this thread's translator by (the command line, the URL or "apertium"): part of a run's
// identity, since the texts depend on it.
std::string current_translator_id();

// `text` from `from` to `via` and back: a batch's result or failure for it, else the disk cache, else — while a
// MissCollector is active on this thread — recorded there and TranslationDeferred thrown, else one request each
// way. Throws std::runtime_error.
std::string back_translate_text(const std::string& text, const std::string& from, const std::string& via);

// A round trip the cache did not have.
struct Miss {
  Translator* translator = nullptr;
  std::string text, from, via;
};

// Thrown by back_translate_text for a miss while collecting: the sample stops there.
struct TranslationDeferred : std::runtime_error {
  TranslationDeferred() : std::runtime_error("translation deferred to a batch") {}
};

// While alive, this thread's cache misses are collected instead of translated.
class MissCollector {
 public:
  MissCollector();
  ~MissCollector();
  MissCollector(const MissCollector&) = delete;
  MissCollector& operator=(const MissCollector&) = delete;
  void add(Miss m) { misses_.push_back(std::move(m)); }
  [[nodiscard]] std::vector<Miss>& misses() { return misses_; }

 private:
  std::vector<Miss> misses_;
  MissCollector* previous_;
};

// Requests of at most this many texts each way.
inline constexpr std::size_t kTranslationBatch = 64;

// Translates the distinct misses, grouped by translator and languages, in requests of up to kTranslationBatch texts
// there and back; results go to the disk cache and, with failures (a request's error for each of its texts), to
// memory, where back_translate_text finds them.
void translate_misses(const std::vector<Miss>& misses);

}  // namespace auger::rt::text
