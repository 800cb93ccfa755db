// TarWriter: libarchive's restricted pax format (plain ustar headers unless a name needs a pax record), every
// header field that could vary between runs pinned.
#include "runtime/io/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/io/utf8_locale.h"

namespace auger::rt::io {

struct TarWriter::Impl {
  std::string path, tmp;
  int fd = -1;
  archive* a = nullptr;
  bool closed = false;
  std::uint64_t final_bytes = 0;

  // libarchive's message ("Write error") with the operating system's reason, when it has one ("No space left on
  // device"): the user needs the latter to act.
  std::string archive_error() const {
    const char* why = a ? archive_error_string(a) : nullptr;
    std::string out = why ? why : "unknown libarchive error";
    if (const int err = a ? archive_errno(a) : 0; err > 0) out += std::string(": ") + std::strerror(err);
    return out;
  }

  // Drops everything written; the destination keeps whatever it held before.
  void abandon() {
    if (a) {
      // Freeing closes the archive, writing its end marker into the temporary file, which goes below anyway.
      // (archive_write_fail would skip that write but also the freeing of the block buffer: a leak.)
      archive_write_free(a);
      a = nullptr;
    }
    if (fd >= 0) ::close(fd);
    fd = -1;
    ::unlink(tmp.c_str());
    closed = true;
  }
};

TarWriter::TarWriter(std::string path) : impl_(std::make_unique<Impl>()) {
  const detail::ScopedUtf8Locale utf8;
  impl_->path = std::move(path);
  impl_->tmp = impl_->path + ".tmp";
  impl_->fd = ::open(impl_->tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (impl_->fd < 0) throw WriteError(impl_->tmp + ": cannot create: " + std::strerror(errno));
  impl_->a = archive_write_new();
  if (!impl_->a || archive_write_set_format_pax_restricted(impl_->a) != ARCHIVE_OK ||
      archive_write_open_fd(impl_->a, impl_->fd) != ARCHIVE_OK) {
    const std::string why = impl_->archive_error();
    impl_->abandon();
    throw WriteError(impl_->tmp + ": cannot start the tar: " + why);
  }
}

TarWriter::~TarWriter() {
  if (!impl_->closed) impl_->abandon();
}

void TarWriter::add(const std::string& name, std::string_view bytes) {
  if (impl_->closed) throw WriteError(impl_->path + ": add() after close()");
  if (name.empty() || name.find('\0') != std::string::npos)
    throw WriteError(impl_->path + ": invalid member name \"" + name + "\"");
  const detail::ScopedUtf8Locale utf8;
  archive_entry* e = archive_entry_new2(impl_->a);
  archive_entry_set_pathname_utf8(e, name.c_str());
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
  archive_entry_set_mtime(e, 0, 0);
  archive_entry_set_uid(e, 0);
  archive_entry_set_gid(e, 0);
  bool ok = archive_write_header(impl_->a, e) == ARCHIVE_OK;
  archive_entry_free(e);
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const la_ssize_t n = archive_write_data(impl_->a, bytes.data() + done, bytes.size() - done);
    if (n <= 0) ok = false;
    done += n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  // Finishing the entry now writes its padding, so bytes() counts whole members.
  if (!ok || archive_write_finish_entry(impl_->a) != ARCHIVE_OK)
    throw WriteError(impl_->tmp + ": cannot add " + name + ": " + impl_->archive_error());
}

std::uint64_t TarWriter::bytes() const {
  if (impl_->closed) return impl_->final_bytes;
  return static_cast<std::uint64_t>(archive_filter_bytes(impl_->a, 0));
}

void TarWriter::close() {
  if (impl_->closed) throw WriteError(impl_->path + ": close() twice");
  const detail::ScopedUtf8Locale utf8;
  auto fail = [&](const std::string& what) {
    const std::string message = impl_->tmp + ": " + what;
    impl_->abandon();
    return WriteError(message);
  };
  if (archive_write_close(impl_->a) != ARCHIVE_OK) throw fail("cannot finish the tar: " + impl_->archive_error());
  archive_write_free(impl_->a);
  impl_->a = nullptr;
  // Durable before visible: after a crash PATH is either absent or complete.
  struct stat st {};
  if (::fsync(impl_->fd) != 0 || ::fstat(impl_->fd, &st) != 0)
    throw fail(std::string("cannot flush: ") + std::strerror(errno));
  const int fd = impl_->fd;
  impl_->fd = -1;
  if (::close(fd) != 0) throw fail(std::string("cannot close: ") + std::strerror(errno));
  if (::rename(impl_->tmp.c_str(), impl_->path.c_str()) != 0)
    throw fail("cannot rename to " + impl_->path + ": " + std::strerror(errno));
  impl_->closed = true;
  impl_->final_bytes = static_cast<std::uint64_t>(st.st_size);
  // The rename itself is durable once the directory is synced; a file system that cannot sync a directory still
  // renamed the file, so that is not an error.
  const std::size_t slash = impl_->path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : impl_->path.substr(0, slash);
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace auger::rt::io
