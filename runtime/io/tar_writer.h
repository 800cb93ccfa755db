// Writing one tar file (a WebDataset shard) with byte-identical output for identical input: fixed header fields
// (mode 0644, mtime 0, uid/gid 0, empty owner names), members in the order added. Written to PATH.tmp and renamed
// to PATH by close(), so a file named PATH is always complete.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace auger::rt::io {

struct WriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TarWriter {
 public:
  explicit TarWriter(std::string path);  // creates PATH.tmp (replacing one left by a killed run); throws WriteError
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;
  ~TarWriter();  // without close(): removes PATH.tmp

  // Adds a regular file member. Names may be long (pax headers). Throws WriteError.
  void add(const std::string& name, std::string_view bytes);
  // Bytes written so far (headers and padding included).
  [[nodiscard]] std::uint64_t bytes() const;
  // Finishes the archive, flushes it to disk and renames PATH.tmp to PATH. Throws WriteError.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace auger::rt::io
