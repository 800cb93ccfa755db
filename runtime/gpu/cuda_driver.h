// The CUDA driver, loaded when first asked for (dlopen of libcuda.so.1): auger links no CUDA library, so it builds
// and runs on machines without a GPU or driver, and says why the GPU path is off there.
#pragma once

#include <cstddef>
#include <string>

namespace auger::rt::gpu {

// Why the GPU batch kernels cannot run in this process ("" when they can): libcuda.so.1 missing, cuInit's error,
// no CUDA device. Decided once per process (the first call loads the driver).
const std::string& cuda_unavailable_reason();

// Makes Halide's CUDA runtime run every kernel in device 0's primary context (the one torch uses), instead of a
// context of its own, so device pointers the kernels write can be handed to torch. Call before the first kernel;
// requires cuda_unavailable_reason() to be empty.
void use_primary_context();

// Waits for every kernel and copy queued in the primary context (timing, or before reading results on the host).
void synchronize();

// Page-locked host memory (cuMemHostAlloc): the staging buffer a batch is copied to the device from. Throws when
// the driver refuses.
void* pinned_alloc(std::size_t bytes);
void pinned_free(void* p);

}  // namespace auger::rt::gpu
