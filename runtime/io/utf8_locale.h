// Private to runtime/io: libarchive converts member names between UTF-8 and the *current* locale's charset, so
// under the "C" locale a non-ASCII name fails to convert (reading gives no name, writing refuses the header).
// Tar shards are UTF-8 by convention (pax headers always are), so the archive code runs under a UTF-8 locale.
#pragma once

#include <locale.h>

namespace auger::rt::io::detail {

// Switches the calling thread (only: uselocale, not setlocale) to C.UTF-8 for its lifetime. Where C.UTF-8 is
// missing the thread keeps its locale and ASCII names still work.
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale() {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    if (utf8 != static_cast<locale_t>(nullptr)) previous_ = uselocale(utf8);
  }
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;
  ~ScopedUtf8Locale() {
    if (previous_ != static_cast<locale_t>(nullptr)) uselocale(previous_);
  }

 private:
  locale_t previous_ = static_cast<locale_t>(nullptr);
};

}  // namespace auger::rt::io::detail
