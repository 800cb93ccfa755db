// WordNet's lookup tables as runtime/text/make_wordnet_blob.py builds them from wordnet-base at build time, linked
// into the binary (runtime/text/wordnet_blob_data.cpp): every lemma of each part of speech with the lower-cased
// names of all its synsets, and the exception lists, hashed. WordNet::system() answers from them when they were
// built from the folder it would read, so a process looks words up without opening or scanning WordNet's files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace auger::rt::text {

// FNV-1a, 64 bits: the hash of the blob's tables (make_wordnet_blob.py computes the same) and of the file reader's.
inline std::uint64_t fnv1a(std::string_view key) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  return h;
}

class WordNetBlob {
 public:
  // The tables linked into this binary; nullptr when the build had no wordnet-base (an empty blob) or the blob is
  // not one this code reads.
  static const WordNetBlob* linked();

  // The folder the tables were built from.
  [[nodiscard]] std::string_view dir() const { return dir_; }
  // Whether `lemma` is a lemma of part of speech `pos` (0 noun, 1 verb, 2 adjective, 3 adverb).
  [[nodiscard]] bool has(std::string_view lemma, int pos) const;
  // Appends the lower-cased names of every synset of `lemma` as `pos` (nothing when it is no such lemma).
  void names(std::string_view lemma, int pos, std::vector<std::string_view>& out) const;
  // The base forms POS.exc lists for `word`, appended to `out`; false when it lists none.
  bool exception_forms(std::string_view word, int pos, std::vector<std::string>& out) const;

 private:
  struct Table {  // slot h: slots[2h] its record's offset + 1 (0 empty), slots[2h + 1] its key's hash >> 32
    const std::uint32_t* slots = nullptr;
    std::uint32_t slot_count = 0;
  };

  WordNetBlob() = default;
  [[nodiscard]] bool parse(const std::uint32_t* words, std::size_t bytes);
  // The record of `key` in `t` (its key length byte), nullptr when absent.
  [[nodiscard]] const unsigned char* find(const Table& t, std::string_view key) const;
  // Appends the strings of the list at `r`; returns the byte after it.
  template <typename Out>
  static const unsigned char* append(const unsigned char* r, std::vector<Out>* out) {
    const unsigned count = r[0] | (r[1] << 8);
    r += 2;
    for (unsigned i = 0; i < count; ++i, r += 1 + r[0])
      if (out) out->emplace_back(reinterpret_cast<const char*>(r + 1), r[0]);
    return r;
  }

  Table lemmas_, exceptions_[4];
  const unsigned char* records_ = nullptr;
  std::string_view dir_;
};

}  // namespace auger::rt::text
