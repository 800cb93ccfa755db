// The synonym source of `synonym_replace` and `random_insert` (`source: wordnet`): WordNet's synonyms of a word
// (runtime/text/wordnet.h) without EDA's stop words, so that no op ever writes "i" for "iodine" or "in" for "inch"
// (docs/text.md "Synonyms").
#pragma once

#include <string>
#include <vector>

namespace auger::rt::text {

// Sorted; empty when the word has none. Thread-safe; the first call loads WordNet.
const std::vector<std::string>& synonyms(const std::string& lower_word);

}  // namespace auger::rt::text
