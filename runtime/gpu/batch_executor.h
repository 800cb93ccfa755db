// Runs a batch of planned samples (batch_plan.h) through the GPU batch kernels: the samples' u8 images packed into
// one pinned staging buffer, copied to the device once, then one call per kernel for the whole batch — the
// resample, one jitter step per position of the longest color_jitter order (each with its contrast sums when a
// sample needs them), and the store. The result stays on the device (device 0's primary context, torch's).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/gpu/batch_plan.h"

struct halide_buffer_t;

namespace auger::rt::gpu {

// A batch on the device (or, emulated, in host memory): [N, 3, H, W] row-major, u8 or f32, alive as long as any
// copy of this is.
struct DeviceBatch {
  std::shared_ptr<void> owner;  // the allocation
  std::uint64_t device_ptr = 0;
  const void* host = nullptr;      // emulated batches only
  halide_buffer_t* raw = nullptr;  // owner's Halide buffer
  std::array<std::int64_t, 4> shape{};
  bool f32 = false;
};

// Where the kernels run: on the GPU, or their CPU build (gpu_kernels_host.o) with host buffers, which checks the
// kernels' arithmetic, tables and plans on machines without a GPU.
enum class GpuMode { Cuda, HostEmulation };

// Copies a batch to host memory (shape's element count, u8 or f32), waiting for the kernels that write it.
void download(const DeviceBatch& batch, void* dst);

class GpuBatchExecutor {
 public:
  // Cuda throws with cuda_unavailable_reason() when there is no GPU.
  explicit GpuBatchExecutor(GpuMode mode = GpuMode::Cuda);
  ~GpuBatchExecutor();
  GpuBatchExecutor(const GpuBatchExecutor&) = delete;
  GpuBatchExecutor& operator=(const GpuBatchExecutor&) = delete;

  // All samples must share the output size and the store (a policy's static output shape gives that). Throws
  // std::runtime_error with the kernel's error.
  DeviceBatch run(const std::vector<GpuSample>& samples);
  // A batch of `shape` on the device, its contents undefined (rows then come from put_row).
  DeviceBatch allocate(const std::array<std::int64_t, 4>& shape, bool f32);
  // Overwrites row `row` of `batch` with `src` (one sample's [3, H, W] values, as the batch stores them): the CPU
  // path's result of a sample the kernels cannot express. Returns once `src` may be freed.
  void put_row(const DeviceBatch& batch, std::size_t row, const void* src);

 private:
  std::uint8_t* staging(std::size_t bytes);  // pinned, grown as needed, reused batch to batch

  GpuMode mode_;
  std::uint8_t* staging_ = nullptr;
  std::size_t staging_bytes_ = 0;
};

}  // namespace auger::rt::gpu
