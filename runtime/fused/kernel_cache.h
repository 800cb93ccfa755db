// Compiled fused kernels by structure. First the kernels compiled when auger was built (aot_kernels.h: every
// member of kernel_catalog.h, which covers every kernel the executor runs); only a structure they lack — or every
// structure, when the binary runs on a CPU whose Halide target differs from the build machine's — is compiled
// here, once, at two levels:
//  - in memory: structure string -> compiled kernel, shared by every executor that uses the same cache;
//  - on disk: the kernel compiled ahead of time (Halide's compile_to_object for the host target), linked into a
//    shared object with `c++ -shared` (the system C++ driver; $AUGER_CXX overrides it) and dlopen'ed, so a later
//    process loads it instead of compiling. The directory is $AUGER_CACHE_DIR, else $XDG_CACHE_HOME/auger/kernels,
//    else ~/.cache/auger/kernels. Each kernel is <hash>.so next to <hash>.txt (its structure, target and argument
//    slots); files are written under temporary names and renamed, so concurrent processes never see half a file.
// When no shared object can be made (no compiler driver, unwritable directory), the kernel is JIT-compiled
// instead: correct, but recompiled by every process and slower to call.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/fused/kernel_args.h"
#include "runtime/fused/kernel_spec.h"

namespace auger::rt::fused {

class CompiledKernel {
 public:
  virtual ~CompiledKernel() = default;
  [[nodiscard]] const std::string& structure() const { return structure_; }
  [[nodiscard]] const std::vector<ArgSlot>& slots() const { return slots_; }
  // Runs the kernel; throws std::runtime_error with Halide's message when it fails (a bad buffer, say).
  virtual void run(const KernelCall& call) const = 0;
  [[nodiscard]] virtual bool jit() const = 0;

 protected:
  std::string structure_;
  std::vector<ArgSlot> slots_;
};

struct CachedKernelInfo {
  std::string structure;
  std::string path;  // the shared object, when there is one
  bool in_memory = false;
  bool jit = false;  // compiled in memory (no shared object could be made)
};

class KernelCache {
 public:
  explicit KernelCache(std::string dir = default_dir());
  KernelCache(const KernelCache&) = delete;
  KernelCache& operator=(const KernelCache&) = delete;

  // The compiled kernel of `spec`: from memory, else from disk, else compiled now (and saved to disk).
  std::shared_ptr<const CompiledKernel> get(const KernelSpec& spec);
  // The kernels this cache holds in memory, then those in its directory it has not loaded.
  [[nodiscard]] std::vector<CachedKernelInfo> list() const;
  [[nodiscard]] const std::string& dir() const { return dir_; }

  // The process-wide cache every executor uses unless given its own.
  static std::shared_ptr<KernelCache> global();
  static std::string default_dir();

 private:
  std::shared_ptr<const CompiledKernel> load_or_compile(const KernelSpec& spec);

  std::string dir_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const CompiledKernel>> kernels_;
};

// How many kernels this process has compiled with Halide (ahead-of-time or JIT), over every cache. A kernel loaded
// from the disk cache is not a compilation.
std::uint64_t kernel_compilations();
// The wall-clock seconds this process has spent in those compilations.
double kernel_compile_seconds();

// The kernels in a cache directory: their structures and shared objects.
std::vector<CachedKernelInfo> list_disk_kernels(const std::string& dir);

}  // namespace auger::rt::fused
