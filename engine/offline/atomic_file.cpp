#include "engine/offline/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace auger::engine::offline {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int err) {
  throw IoError("cannot " + std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

}  // namespace

int write_fully(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

void write_file_atomically(const std::filesystem::path& path, const std::filesystem::path& tmp,
                           const std::string& text) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(tmp, "create", errno);
  if (const int err = write_fully(fd, text)) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(tmp, "write", err);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) {  // EINVAL: a file that cannot be synced (a pipe); nothing to lose
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(tmp, "flush", err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(tmp, "close", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "rename a file to", err);
  }
}

std::string json_text(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::ordered_json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return nullptr;
  auto j = nlohmann::ordered_json::parse(in, nullptr, false);
  return j.is_discarded() ? nlohmann::ordered_json() : j;
}

}  // namespace auger::engine::offline
