// Reusable host memory for one executor: named blocks that keep their capacity from sample to sample. A sample's
// large host buffers (the resample's rows, noise) then reuse warm pages; allocating them afresh each time costs
// more than the kernels (glibc hands large blocks back to the kernel, and every page faults in again).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

namespace auger::rt::fused {

class Scratch {
 public:
  // At least `bytes` of 64-byte-aligned storage under `name`, contents unspecified. Valid until the next get()
  // of the same name.
  void* get(const std::string& name, std::size_t bytes);

 private:
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  struct Block {
    std::unique_ptr<void, Free> data;
    std::size_t size = 0;
  };
  std::map<std::string, Block> blocks_;
};

}  // namespace auger::rt::fused
