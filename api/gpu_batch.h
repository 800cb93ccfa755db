// The GPU batch path of a policy (docs/cuda.md). GpuAugmenter: decoded images, each sample's parameters drawn
// exactly as Policy::apply draws them (seed, epoch, key), planned for the batch kernels (runtime/gpu/batch_plan.h)
// and run as one batch on the device (auger.cuda.augment, bench/gpu_prepare.py). GpuStage and gpu_loader_refusal:
// Loader(device="cuda"), whose workers draw and plan each sample (engine/sample_runner.h) and run each batch.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "api/auger.h"
#include "runtime/gpu/batch_executor.h"
#include "runtime/image/image.h"

namespace auger {

// Why the GPU path cannot run in this process ("" when it can): no CUDA driver (libcuda.so.1), no device.
const std::string& cuda_unavailable_reason();

// A Loader's GPU batch kernels (LoaderOptions::device "cuda"): its workers take turns with one executor (one pinned
// staging buffer) to run each complete batch of `field` (api/epoch_run.h).
struct GpuStage {
  GpuStage(std::string image_field, rt::gpu::GpuMode mode) : field(std::move(image_field)), executor(mode) {}
  std::string field;
  std::mutex mu;
  rt::gpu::GpuBatchExecutor executor;
};

// Why a Loader over `policy` cannot take the GPU path ("" when it can): an output field the kernels do not carry
// (they move one RGB image; class labels ride along), a `batch { }` block, or an image op outside the kernels
// (judged on one sample's draws: a sample whose draws the kernels cannot express still runs on the CPU path).
std::string gpu_loader_refusal(const Policy& policy);

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
  rt::gpu::DeviceBatch run(const std::vector<rt::Image>& images, const std::vector<std::string>& keys,
                           std::uint64_t epoch);
  // run()'s plans alone (they point into `images`).
  std::vector<rt::gpu::GpuSample> plan(const std::vector<rt::Image>& images, const std::vector<std::string>& keys,
                                       std::uint64_t epoch) const;

 private:
  Policy policy_;
  std::string field_;
  std::unique_ptr<rt::gpu::GpuBatchExecutor> executor_;
};

}  // namespace auger
