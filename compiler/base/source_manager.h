// Owns the text of every loaded file and maps byte offsets to line/column.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auger {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffU;

// A half-open byte range [begin, end) in one file. Every AST node and IR value carries one.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  [[nodiscard]] bool valid() const { return file != kNoFile; }
  [[nodiscard]] Span to(Span other) const { return {file, begin, other.end > end ? other.end : end}; }
};

struct LineCol {
  std::uint32_t line = 1;  // 1-based
  std::uint32_t col = 1;   // 1-based, in bytes
};

class SourceManager {
 public:
  // Registers a buffer; `path` is what diagnostics print.
  FileId add(std::string path, std::string text);
  // Reads a policy file from disk; nullopt when it cannot be read, with the reason in `why` ("no such file",
  // "not a readable file (it is a FIFO)", "it is 3 MiB; …"). Only a regular file of at most limits::kMaxFileBytes is
  // read: a FIFO, device or folder never blocks or floods the compiler (docs/language.md §11.14).
  std::optional<FileId> load(const std::string& path, std::string* why = nullptr);

  [[nodiscard]] const std::string& path(FileId id) const;
  [[nodiscard]] std::string_view text(FileId id) const;
  [[nodiscard]] std::string_view text(Span span) const;
  [[nodiscard]] LineCol line_col(FileId id, std::uint32_t offset) const;
  [[nodiscard]] std::string_view line_text(FileId id, std::uint32_t line) const;
  [[nodiscard]] std::uint32_t line_count(FileId id) const;
  // Finds a file already loaded under the same canonical path.
  [[nodiscard]] std::optional<FileId> find(const std::string& path) const;
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string path;
    std::string canonical;
    std::string text;
    std::vector<std::uint32_t> line_starts;
  };
  std::vector<std::unique_ptr<File>> files_;
};

}  // namespace auger
