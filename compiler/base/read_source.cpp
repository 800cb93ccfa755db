#include "compiler/base/read_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace auger {

namespace {

// Closes the descriptor on every return path.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "it is a folder";
  if (S_ISFIFO(mode)) return "it is a FIFO";
  if (S_ISCHR(mode)) return "it is a character device";
  if (S_ISBLK(mode)) return "it is a block device";
  if (S_ISSOCK(mode)) return "it is a socket";
  return "it is a special file";
}

std::string too_large(std::uint64_t bytes, std::uint64_t max_bytes) {
  std::string limit = std::to_string(max_bytes) + " bytes";
  if (max_bytes % (1024 * 1024) == 0) limit += " (" + std::to_string(max_bytes >> 20) + " MiB)";
  return "it is " + std::to_string(bytes) + " bytes; a policy file may be at most " + limit;
}

std::string error_text(int err) {
  if (err == ENOENT || err == ENOTDIR) return "no such file";
  return std::string("not a readable file (") + std::strerror(err) + ")";
}

std::optional<std::string> not_regular(const struct stat& st) {
  // "not a readable file" first: the message a folder has always had.
  if (S_ISREG(st.st_mode)) return std::nullopt;
  return "not a readable file (" + kind_of(st.st_mode) + ")";
}

}  // namespace

SourceRead read_source_file(const std::string& path, std::uint64_t max_bytes) {
  // stat first, so that a device is never even opened (opening some has side effects) ...
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {std::nullopt, error_text(errno)};
  if (auto why = not_regular(st)) return {std::nullopt, *why};
  // ... then check what was opened, in case the path changed in between. O_NONBLOCK: opening a FIFO for
  // reading would otherwise wait for a writer.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (f.fd < 0) return {std::nullopt, error_text(errno)};
  if (::fstat(f.fd, &st) != 0) return {std::nullopt, error_text(errno)};
  if (auto why = not_regular(st)) return {std::nullopt, *why};
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes) return {std::nullopt, too_large(size, max_bytes)};
  // The file may grow after fstat: read in chunks and stop one byte past the limit.
  std::string text;
  text.reserve(static_cast<std::size_t>(size));
  char chunk[64 * 1024];
  while (text.size() <= max_bytes) {
    ssize_t n = ::read(f.fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return {std::nullopt, error_text(errno)};
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  if (text.size() > max_bytes) return {std::nullopt, too_large(text.size(), max_bytes)};
  return {std::move(text), ""};
}

}  // namespace auger
