// The GPU batch kernels (docs/cuda.md): Halide pipelines over a whole batch [W, H, C, N] (a torch [N, C, H, W]
// tensor), one call per batch, every per-sample value a device buffer indexed by the sample. Only the build's
// generator (runtime/gpu/kernelgen) links this; the runtime calls the compiled functions (gpu_kernels.h).
#pragma once

#include <Halide.h>

#include <string>
#include <vector>

namespace auger::rt::gpu {

struct BatchPipeline {
  std::string name;  // the C function the build emits
  Halide::Pipeline pipeline;
  std::vector<Halide::Argument> args;  // parameter order of the C function (the output buffer last)
};

// Each with its GPU schedule (`gpu`), or plain loops on the CPU: the same definitions, for checking the arithmetic
// and the tables on machines without a GPU (tests/gpu).
// random_resized_crop / resize (+ the flips folded into the tables), torch's separable sum tap by tap.
BatchPipeline resample_pipeline(bool gpu);
// The per-sample integer sum of rgb_to_grayscale's truncated luma (contrast's mean, before the division).
BatchPipeline gray_sum_pipeline(bool gpu);
// One position of color_jitter's random order: per sample brightness, contrast, saturation, hue or nothing.
BatchPipeline jitter_step_pipeline(bool gpu);
// to_float + normalize into f32 (mean 0, std 1 for to_float alone).
BatchPipeline store_pipeline(bool gpu);

std::vector<BatchPipeline> batch_pipelines(bool gpu);

}  // namespace auger::rt::gpu
