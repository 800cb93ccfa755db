// back_translate's disk cache: one small JSON file per (text, from, via, translator) round trip, so later epochs
// and runs do not ask the translator again. The folder is $AUGER_CACHE_DIR/translations, else
// $XDG_CACHE_HOME/auger/translations, else ~/.cache/auger/translations.
#pragma once

#include <optional>
#include <string>

namespace auger::rt::text {

struct RoundTrip {
  std::string text, from, via, translator;
};

std::string translation_cache_dir();
// The cached result, when the file for `key` holds exactly this key (a hash collision or a torn file is a miss).
std::optional<std::string> cached_translation(const RoundTrip& key);
// Written atomically (a temporary file renamed); a cache that cannot be written is not an error of the sample.
void cache_translation(const RoundTrip& key, const std::string& result);

}  // namespace auger::rt::text
