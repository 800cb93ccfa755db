#include "runtime/text/wordnet_blob.h"

#include <cstring>

// The blob's first and one-past-last bytes (runtime/text/wordnet_blob_data.cpp).
extern "C" const std::uint32_t auger_wordnet_blob[];
extern "C" const char auger_wordnet_blob_end[];

namespace auger::rt::text {

const WordNetBlob* WordNetBlob::linked() {
  static const WordNetBlob* const blob = []() -> const WordNetBlob* {
    static WordNetBlob b;
    const auto bytes =
        static_cast<std::size_t>(auger_wordnet_blob_end - reinterpret_cast<const char*>(auger_wordnet_blob));
    return b.parse(auger_wordnet_blob, bytes) ? &b : nullptr;
  }();
  return blob;
}

// Lays the tables over `words` (make_wordnet_blob.py's layout); false when the sizes do not add up.
bool WordNetBlob::parse(const std::uint32_t* words, std::size_t bytes) {
  constexpr std::size_t kHead = 3 + 5;
  if (bytes < kHead * 4 || std::memcmp(words, "AWN4", 4) != 0) return false;
  const std::uint32_t dir_len = words[1], records_len = words[2];
  std::size_t at = kHead;
  Table* tables[] = {&lemmas_, &exceptions_[0], &exceptions_[1], &exceptions_[2], &exceptions_[3]};
  for (std::size_t i = 0; i < 5; ++i) {
    Table& t = *tables[i];
    t.slot_count = words[3 + i];
    if (t.slot_count & (t.slot_count - 1)) return false;  // a power of two, or 0
    t.slots = words + at;
    at += 2 * std::size_t{t.slot_count};
  }
  if (at * 4 + records_len + dir_len != bytes) return false;
  records_ = reinterpret_cast<const unsigned char*>(words + at);
  dir_ = std::string_view(reinterpret_cast<const char*>(records_) + records_len, dir_len);
  return true;
}

const unsigned char* WordNetBlob::find(const Table& t, std::string_view key) const {
  if (t.slot_count == 0) return nullptr;
  const std::uint64_t mask = t.slot_count - 1, hash = fnv1a(key);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (auto h = hash & mask; t.slots[2 * h] != 0; h = (h + 1) & mask) {
    if (t.slots[2 * h + 1] != tag) continue;
    const unsigned char* r = records_ + t.slots[2 * h] - 1;
    if (r[0] == key.size() && std::memcmp(r + 1, key.data(), key.size()) == 0) return r;
  }
  return nullptr;
}

// A lemma record: key length, key, the mask of its parts of speech, one list per part of speech in the mask.
bool WordNetBlob::has(std::string_view lemma, int pos) const {
  const auto* r = find(lemmas_, lemma);
  return r && (r[1 + r[0]] >> pos & 1);
}

void WordNetBlob::names(std::string_view lemma, int pos, std::vector<std::string_view>& out) const {
  const auto* r = find(lemmas_, lemma);
  if (!r) return;
  const unsigned mask = r[1 + r[0]];
  r += 2 + r[0];
  for (int p = 0; p < pos; ++p)  // skip the lists before pos's
    if (mask >> p & 1) r = append<std::string_view>(r, nullptr);
  if (mask >> pos & 1) append(r, &out);
}

bool WordNetBlob::exception_forms(std::string_view word, int pos, std::vector<std::string>& out) const {
  const auto* r = find(exceptions_[pos], word);
  if (r) append(r + 1 + r[0], &out);
  return r != nullptr;
}

}  // namespace auger::rt::text
