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
  constexpr std::size_t kHead = 2 + 4 * 4 + 3;
  if (bytes < kHead * 4 || std::memcmp(words, "AWN2", 4) != 0) return false;
  const std::uint32_t dir_len = words[1];
  const std::uint32_t* counts = words + 2;
  const std::uint32_t strings = words[18], refs = words[19], pool_len = words[20];
  std::size_t at = kHead;
  string_offsets_ = words + at;
  at += strings + 1;
  refs_ = words + at;
  at += refs;
  auto table = [&](Table& t, std::uint32_t entries, std::uint32_t slots) {
    t.entries = entries;
    t.slot_count = slots;
    t.key = words + at;
    t.refs = words + at + entries;
    t.slots = words + at + 2 * entries + 1;
    at += 2 * entries + 1 + 2 * slots;
  };
  for (int p = 0; p < 4; ++p) {
    table(pos_[p].lemmas, counts[4 * p], counts[4 * p + 1]);
    table(pos_[p].exceptions, counts[4 * p + 2], counts[4 * p + 3]);
  }
  if (at * 4 + pool_len + dir_len != bytes) return false;
  pool_ = reinterpret_cast<const char*>(words + at);
  dir_ = std::string_view(pool_ + pool_len, dir_len);
  return true;
}

std::string_view WordNetBlob::str(std::uint32_t id) const {
  return {pool_ + string_offsets_[id], string_offsets_[id + 1] - string_offsets_[id]};
}

std::uint32_t WordNetBlob::find(const Table& t, std::string_view key) const {
  if (t.slot_count == 0) return 0;
  const std::uint64_t mask = t.slot_count - 1, hash = fnv1a(key);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (auto h = hash & mask; t.slots[2 * h] != 0; h = (h + 1) & mask)
    if (t.slots[2 * h + 1] == tag && str(t.key[t.slots[2 * h] - 1]) == key) return t.slots[2 * h];
  return 0;
}

bool WordNetBlob::has(std::string_view lemma, int pos) const {
  return find(pos_[pos].lemmas, lemma) != 0;
}

void WordNetBlob::names(std::string_view lemma, int pos, std::vector<std::string_view>& out) const {
  if (const auto e = find(pos_[pos].lemmas, lemma)) append(pos_[pos].lemmas, e - 1, out);
}

bool WordNetBlob::exception_forms(std::string_view word, int pos, std::vector<std::string>& out) const {
  const auto e = find(pos_[pos].exceptions, word);
  if (e) append(pos_[pos].exceptions, e - 1, out);
  return e != 0;
}

}  // namespace auger::rt::text
