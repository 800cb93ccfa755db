// WordNet 3.0 read from its database files as Debian's `wordnet-base` installs them (/usr/share/wordnet, or
// AUGER_WORDNET_DIR): index.POS for a lemma's synsets, data.POS for their lemma names, POS.exc for irregular
// forms. Synonyms follow NLTK's `wordnet.synsets(word)` (morphy: the exception list, else the detachment rules)
// and EDA's get_synonyms (every lemma of every synset), lower-cased, minus the word, sorted (docs/text.md).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/text/mapped_file.h"
#include "runtime/text/wordnet_blob.h"

namespace auger::rt::text {

class WordNet {
 public:
  // The system's WordNet, loaded on first use: the tables linked into the binary when they were built from the
  // folder it reads (runtime/text/wordnet_blob.h), else that folder's files. Throws std::runtime_error naming the
  // package when they are missing.
  static const WordNet& system();
  // WordNet read from the files in `dir`.
  explicit WordNet(const std::string& dir);
  // WordNet answered from linked tables.
  explicit WordNet(const WordNetBlob& blob) : blob_(&blob) {}

  // The synonyms of a lower-case word (empty when it has none), sorted; multi-word lemmas keep WordNet's `_`.
  // Computed on each call (runtime/text/synonyms.h caches what the ops use).
  [[nodiscard]] std::vector<std::string> synonyms(const std::string& word) const;
  // The base forms of `word` as part of speech `pos` (0 noun, 1 verb, 2 adjective, 3 adverb), as NLTK's _morphy.
  [[nodiscard]] std::vector<std::string> base_forms(const std::string& word, int pos) const;

 private:
  struct Pos {
    MappedFile index;  // index.POS, read in place
    // Its lemma lines (the licence before them left out) hashed by lemma, open addressing: each slot holds a line's
    // offset + 1, 0 when empty. Morphy tries several forms of every word in each part of speech, most of them no
    // lemma: a hash probe answers in one or two comparisons where a binary search made ~17.
    std::vector<std::uint32_t> slots;
    std::unordered_map<std::string, std::vector<std::string>> exceptions;
    MappedFile data;  // data.POS; a synset's offset is its byte offset
  };
  // index.POS's line for `lemma`, empty when it is no lemma of that part of speech.
  [[nodiscard]] std::string_view index_line(std::string_view lemma, int pos) const;
  [[nodiscard]] bool has(const std::string& lemma, int pos) const;
  // Appends `word`'s base forms from POS.exc to `out`; false when the list has none for it.
  bool exception_forms(const std::string& word, int pos, std::vector<std::string>& out) const;
  // Synset names as views: into the linked tables, or into `owned` (lower-cased from the files; a deque, so that
  // appending keeps the views valid).
  struct Names {
    std::deque<std::string> owned;
    std::vector<std::string_view> views;
  };
  // Appends the names of every synset of `lemma` as part of speech `pos`.
  void names(const std::string& lemma, int pos, Names& out) const;
  void lemma_names(int pos, std::size_t offset, Names& out) const;

  std::array<Pos, 4> pos_;             // the files, when read from them
  const WordNetBlob* blob_ = nullptr;  // else the linked tables
};

}  // namespace auger::rt::text
