// open_source's dispatch on what `spec` names, and the helpers the three kinds of source share.
#include "runtime/io/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "runtime/io/source_detail.h"

namespace auger::rt::io {
namespace detail {
namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string errno_text(int err) {
  return std::strerror(err);
}

}  // namespace

FdCloser::~FdCloser() {
  if (fd >= 0) ::close(fd);
}

bool has_image_extension(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kExtensions = {".jpg", ".jpeg", ".png", ".webp", ".bmp"};
  for (std::string_view ext : kExtensions)
    if (ends_with_ci(name, ext)) return true;
  return false;
}

bool has_audio_extension(std::string_view name) {
  static constexpr std::array<std::string_view, 3> kExtensions = {".wav", ".flac", ".ogg"};
  for (std::string_view ext : kExtensions)
    if (ends_with_ci(name, ext)) return true;
  return false;
}

void pread_exact(int fd, std::uint64_t offset, char* out, std::size_t size, const std::string& origin) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw SourceError(origin + ": read failed: " + errno_text(errno));
    }
    if (n == 0)
      throw SourceError(origin + ": short read (" + std::to_string(done) + " of " + std::to_string(size) +
                        " bytes; was the file truncated?)");
    done += static_cast<std::size_t>(n);
  }
}

std::string read_file(const std::string& path, const std::string& origin) {
  FdCloser f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) throw SourceError(origin + ": cannot open " + path + ": " + errno_text(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw SourceError(origin + ": cannot stat " + path + ": " + errno_text(errno));
  if (!S_ISREG(st.st_mode)) throw SourceError(origin + ": " + path + " is not a regular file");
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  pread_exact(f.fd, 0, bytes.data(), bytes.size(), origin);
  return bytes;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace detail

std::unique_ptr<Source> open_source(const std::string& spec) {
  if (spec.empty()) throw SourceError("no data set given");
  struct stat st {};
  if (::stat(spec.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return detail::open_folder(spec);
    if (detail::ends_with_ci(spec, ".jsonl")) return detail::open_jsonl(spec);
    if (detail::ends_with_ci(spec, ".txt")) return detail::open_text_lines(spec);
    if (detail::ends_with_ci(spec, ".json")) return detail::open_coco(spec);
    // Anything else must be a tar, whatever its name: shards are often named by content ("part-0001").
    return detail::open_tar_shards(spec, {spec});
  }
  const int err = errno;
  // Only a name that does not exist is read as a pattern, so a directory whose name holds `{` or `*` still opens.
  if (spec.find_first_of("{*?[") != std::string::npos)
    return detail::open_tar_shards(spec, detail::expand_shard_pattern(spec));
  throw SourceError(spec + ": " + detail::errno_text(err));
}

}  // namespace auger::rt::io
