// A read-only file mapped into memory: WordNet's database files are read where they lie, so loading WordNet costs
// no parsing (the index files are sorted and searched in place, as WordNet's own binsrch.c does).
#pragma once

#include <string>
#include <string_view>

namespace auger::rt::text {

class MappedFile {
 public:
  MappedFile() = default;
  // Throws std::runtime_error naming the file when it cannot be opened or mapped.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  [[nodiscard]] std::string_view text() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace auger::rt::text
