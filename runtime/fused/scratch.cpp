#include "runtime/fused/scratch.h"

#include <new>

namespace auger::rt::fused {

void* Scratch::get(const std::string& name, std::size_t bytes) {
  Block& b = blocks_[name];
  if (b.size < bytes || !b.data) {
    const std::size_t size = (bytes + 63) / 64 * 64 + 64;
    void* p = std::aligned_alloc(64, size);
    if (!p) throw std::bad_alloc();
    b.data.reset(p);
    b.size = size;
  }
  return b.data.get();
}

}  // namespace auger::rt::fused
