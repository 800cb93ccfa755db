// The fused execution path: runs one sample's resolved image ops as a few Halide kernels (fusion_plan.h says
// which), agreeing with the reference ops run one by one within ops.md §7. Kernels are compiled once per
// structure (kernel_cache.h); every sample-dependent value is a runtime argument, so no sample recompiles.
// One executor per worker thread is the intended use; executors may share a KernelCache (it is thread-safe).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/fused/kernel_cache.h"
#include "runtime/fused/scratch.h"
#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::fused {

struct PreparedKernel;

class FusedExecutor {
 public:
  explicit FusedExecutor(std::shared_ptr<KernelCache> cache = KernelCache::global());

  // Runs the ops whose targets include "image" (or that name no target) on `input`, in order. Ops the fused
  // kernels cannot express run on the reference path; errors are the reference ops' own.
  // The input is only read (each kernel writes a new image), so a decoded image can be augmented many times.
  Image run(const std::vector<AppliedOp>& ops, const Image& input);
  // The same, writing into `out` and reusing its storage: a worker that keeps its output image (or a batch slot)
  // saves allocating and zero-filling one per sample. `out` must not be `input`.
  void run(const std::vector<AppliedOp>& ops, const Image& input, Image& out);

  struct Counters {
    std::uint64_t kernels = 0;    // fused kernel calls
    std::uint64_t reference = 0;  // ops run on the reference path
  };
  [[nodiscard]] const Counters& counters() const { return counters_; }
  [[nodiscard]] KernelCache& cache() { return *cache_; }

 private:
  // Runs a prepared kernel into `target`: as it is when the catalog has it, else as a chain of catalog members.
  void run_prepared(PreparedKernel& pk, Image& target);

  std::shared_ptr<KernelCache> cache_;
  Counters counters_;
  Scratch scratch_;   // host buffers reused from sample to sample (an executor runs one sample at a time)
  Image between_[2];  // the images between kernels, reused likewise
  Image pieces_[2];   // the images between the pieces of one kernel (kernel_catalog.h)
};

// The image ops of a trace (targets empty or containing "image"), in order.
std::vector<AppliedOp> image_ops_of(const std::vector<AppliedOp>& ops);

// What `auger explain --emit halide` prints for a trace: for each kernel of its plan, the ops it runs, its
// structure and its Halide code — the loop nest (`lowered` false) or the lowered statement (`lowered` true) — as
// compiled for the host. `input` is the shape the trace starts from (the values are zeros: only the structure
// matters, and structures do not depend on pixel values except where a table turns out to be the identity).
std::string halide_source(const std::vector<AppliedOp>& ops, const Shape& input, bool lowered = false);

}  // namespace auger::rt::fused
