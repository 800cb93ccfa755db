#include "runtime/exec/heap_tuning.h"

#include <malloc.h>

#include <cstdlib>
#include <mutex>

namespace auger::rt::exec {

void keep_large_buffers_in_heap() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (const char* keep = std::getenv("AUGER_KEEP_MALLOC"); keep && *keep && *keep != '0') return;
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
  });
}

}  // namespace auger::rt::exec
