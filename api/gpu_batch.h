// The GPU batch path of a policy over decoded images (docs/cuda.md): each sample's parameters drawn exactly as
// Policy::apply draws them (seed, epoch, key), planned for the batch kernels (runtime/gpu/batch_plan.h) and run as
// one batch on the device. Loader(device="cuda") and bench/gpu_check.py stand on it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/auger.h"
#include "runtime/gpu/batch_executor.h"
#include "runtime/image/image.h"

namespace auger {

// Why the GPU path cannot run in this process ("" when it can): no CUDA driver (libcuda.so.1), no device.
const std::string& cuda_unavailable_reason();

class GpuAugmenter {
 public:
  // Throws Error when the policy has no single image field or there is no GPU (cuda_unavailable_reason()).
  // `emulate`: the kernels' CPU build on host buffers (no GPU needed; for tests, runtime/gpu/batch_executor.h).
  explicit GpuAugmenter(const Policy& policy, bool emulate = false);

  // Why `policy`'s image ops can never run on the batch kernels (an op outside them, planned on a sample of
  // `probe`'s shape), or "" when they can; a sample's draws may still send it to the CPU (run() then throws).
  static std::string unsupported(const Policy& policy, const rt::Shape& probe);

  // images[i] (3-channel u8, planar) as the sample `keys[i]` of `epoch`. All must come out the same size. Throws
  // Error naming the first sample the kernels cannot express, and why.
  // `params`, when given, receives each sample's draws as JSON text (per statement site, as Policy::apply's
  // "params").
  rt::gpu::DeviceBatch run(const std::vector<rt::Image>& images, const std::vector<std::string>& keys,
                           std::uint64_t epoch, std::vector<std::string>* params = nullptr);
  // run()'s plans alone (they point into `images`).
  std::vector<rt::gpu::GpuSample> plan(const std::vector<rt::Image>& images, const std::vector<std::string>& keys,
                                       std::uint64_t epoch, std::vector<std::string>* params = nullptr) const;

 private:
  Policy policy_;
  std::string field_;
  std::unique_ptr<rt::gpu::GpuBatchExecutor> executor_;
};

}  // namespace auger
