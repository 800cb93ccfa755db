// Which translator back_translate uses in this process (translator.h) and the round trip through it and the
// disk cache (translation_cache.h).
#pragma once

#include <string>

namespace auger::rt::text {

// The translator the person running the policy chose (`--translator`); when never called, AUGER_TRANSLATOR, else
// none (Apertium). Call before the first sample.
void set_translator(const std::string& spec);

// `text` from `from` to `via` and back, from the cache when it has it. Throws std::runtime_error.
std::string back_translate_text(const std::string& text, const std::string& from, const std::string& via);

}  // namespace auger::rt::text
