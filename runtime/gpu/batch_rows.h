// A loader's batch on the GPU path (docs/cuda.md): each row is either a decoded image with its plan for the batch
// kernels, or — for a sample whose draws the kernels cannot express — the CPU path's finished result. The batch
// runs through the kernels once and the finished rows are written over theirs.
#pragma once

#include <optional>
#include <vector>

#include "runtime/gpu/batch_executor.h"
#include "runtime/gpu/batch_plan.h"
#include "runtime/image/image.h"

namespace auger::rt::gpu {

struct GpuRow {
  Image image;                    // the decoded input (with a plan), or the finished sample (without)
  std::optional<GpuSample> plan;  // its image pointer is set when the batch runs
};

// The rows as one batch of `shape` on the device. Every planned row's output and every finished row must have
// `shape` (the loader checks it before). Throws std::runtime_error with the kernel's error.
DeviceBatch run_rows(GpuBatchExecutor& executor, std::vector<GpuRow>& rows, const Shape& shape);

}  // namespace auger::rt::gpu
