#include "runtime/text/stop_words.h"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace auger::rt::text {

namespace {

// eda.py's list, in its order: 127 words and the empty string.
constexpr std::array<std::string_view, 128> kStopWords = {
    "i",       "me",       "my",         "myself",  "we",     "our",    "ours",    "ourselves", "you",        "your",
    "yours",   "yourself", "yourselves", "he",      "him",    "his",    "himself", "she",       "her",        "hers",
    "herself", "it",       "its",        "itself",  "they",   "them",   "their",   "theirs",    "themselves", "what",
    "which",   "who",      "whom",       "this",    "that",   "these",  "those",   "am",        "is",         "are",
    "was",     "were",     "be",         "been",    "being",  "have",   "has",     "had",       "having",     "do",
    "does",    "did",      "doing",      "a",       "an",     "the",    "and",     "but",       "if",         "or",
    "because", "as",       "until",      "while",   "of",     "at",     "by",      "for",       "with",       "about",
    "against", "between",  "into",       "through", "during", "before", "after",   "above",     "below",      "to",
    "from",    "up",       "down",       "in",      "out",    "on",     "off",     "over",      "under",      "again",
    "further", "then",     "once",       "here",    "there",  "when",   "where",   "why",       "how",        "all",
    "any",     "both",     "each",       "few",     "more",   "most",   "other",   "some",      "such",       "no",
    "nor",     "not",      "only",       "own",     "same",   "so",     "than",    "too",       "very",       "s",
    "t",       "can",      "will",       "just",    "don",    "should", "now",     "",
};

constexpr std::size_t kLongest = 10;  // "ourselves", "themselves", "yourselves": longer words are never stop words
static_assert(std::all_of(kStopWords.begin(), kStopWords.end(), [](auto w) { return w.size() <= kLongest; }));

}  // namespace

bool is_stop_word(std::string_view lower_word) {
  // Every synonym and every token is tested: a hash set, not a scan of the list.
  static const std::unordered_set<std::string_view> set(kStopWords.begin(), kStopWords.end());
  return lower_word.size() <= kLongest && set.count(lower_word) > 0;
}

}  // namespace auger::rt::text
