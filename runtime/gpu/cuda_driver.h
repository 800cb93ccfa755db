// The CUDA driver, loaded when first asked for (dlopen of libcuda.so.1): auger links no CUDA library, so it builds
// and runs on machines without a GPU or driver, and says why the GPU path is off there.
#pragma once

#include <cstddef>
#include <cstdint>
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

// Queues a copy of `bytes` from page-locked `src` to device address `dst` on the legacy default stream (ordered
// with the kernels), in the primary context, and returns at once.
void copy_to_device_async(std::uint64_t dst, const void* src, std::size_t bytes);
// Waits until every copy queued by copy_to_device_async has read its source: the staging buffer may then be
// overwritten while the kernels after the copy still run.
void wait_for_copies();

// Page-locked host memory (cuMemHostAlloc): the staging buffer a batch is copied to the device from. Throws when
// the driver refuses.
void* pinned_alloc(std::size_t bytes);
void pinned_free(void* p);

}  // namespace auger::rt::gpu
