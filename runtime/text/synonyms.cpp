#include "runtime/text/synonyms.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "runtime/text/stop_words.h"
#include "runtime/text/wordnet.h"

namespace auger::rt::text {

const std::vector<std::string>& synonyms(const std::string& lower_word) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::vector<std::string>> cache;
  const WordNet& wn = WordNet::system();  // loaded outside the lock: its own first use is thread-safe
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(lower_word);
  if (it == cache.end()) {
    std::vector<std::string> kept = wn.synonyms(lower_word);
    kept.erase(std::remove_if(kept.begin(), kept.end(), [](const std::string& s) { return is_stop_word(s); }),
               kept.end());
    it = cache.emplace(lower_word, std::move(kept)).first;
  }
  return it->second;
}

}  // namespace auger::rt::text
