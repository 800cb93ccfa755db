// Reading a source file from disk without trusting what the path names: a FIFO, a device such as /dev/zero
// or a huge file must be refused, not read (or waited on) forever.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace auger {

struct SourceRead {
  std::optional<std::string> text;  // the whole file, when it could be read
  std::string why;                  // otherwise the reason, for "cannot read `f`: <why>"
};

// Reads `path` if it is a regular file of at most `max_bytes`. Opens without blocking (O_NONBLOCK), checks
// the opened file (fstat, so a path swapped after a check cannot fool it) and never reads past max_bytes + 1.
SourceRead read_source_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace auger
