#include "runtime/gpu/cuda_driver.h"

#include <HalideRuntimeCuda.h>
#include <dlfcn.h>

#include <mutex>
#include <stdexcept>

namespace auger::rt::gpu {

namespace {

// The few driver entry points used here, with the driver API's C types (cuda.h is not needed to build).
using CUresult = int;
using CUdevice = int;
using CUcontext = void*;

struct Driver {
  CUresult (*cuInit)(unsigned) = nullptr;
  CUresult (*cuDeviceGetCount)(int*) = nullptr;
  CUresult (*cuDeviceGet)(CUdevice*, int) = nullptr;
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext*, CUdevice) = nullptr;
  CUresult (*cuGetErrorName)(CUresult, const char**) = nullptr;
  CUresult (*cuMemHostAlloc)(void**, std::size_t, unsigned) = nullptr;
  CUresult (*cuMemFreeHost)(void*) = nullptr;
  CUresult (*cuCtxPushCurrent)(CUcontext) = nullptr;
  CUresult (*cuCtxPopCurrent)(CUcontext*) = nullptr;
  CUresult (*cuCtxSynchronize)() = nullptr;
  CUresult (*cuMemcpyHtoDAsync)(std::uint64_t, const void*, std::size_t, void*) = nullptr;
  CUresult (*cuEventCreate)(void**, unsigned) = nullptr;
  CUresult (*cuEventRecord)(void*, void*) = nullptr;
  CUresult (*cuEventSynchronize)(void*) = nullptr;
  void* copied = nullptr;  // the event recorded after the last staging copy
  std::string why_not;     // "" when usable
  CUcontext primary = nullptr;
};

template <class F>
bool bind(void* lib, const char* name, F** out) {
  *out = reinterpret_cast<F*>(dlsym(lib, name));
  return *out != nullptr;
}

std::string error_name(const Driver& d, CUresult r) {
  const char* name = nullptr;
  if (d.cuGetErrorName && d.cuGetErrorName(r, &name) == 0 && name) return name;
  return "CUDA error " + std::to_string(r);
}

Driver load() {
  Driver d;
  void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_GLOBAL);
  if (!lib) {
    const char* e = dlerror();
    d.why_not = std::string("no CUDA driver: libcuda.so.1 cannot be loaded (") + (e ? e : "not found") + ")";
    return d;
  }
  // cuMemHostAlloc is exported under that name; the _v2 names are for the allocation calls only.
  if (!bind(lib, "cuInit", &d.cuInit) || !bind(lib, "cuDeviceGetCount", &d.cuDeviceGetCount) ||
      !bind(lib, "cuDeviceGet", &d.cuDeviceGet) ||
      !bind(lib, "cuDevicePrimaryCtxRetain", &d.cuDevicePrimaryCtxRetain) ||
      !bind(lib, "cuGetErrorName", &d.cuGetErrorName) || !bind(lib, "cuMemHostAlloc", &d.cuMemHostAlloc) ||
      !bind(lib, "cuMemFreeHost", &d.cuMemFreeHost) || !bind(lib, "cuCtxPushCurrent_v2", &d.cuCtxPushCurrent) ||
      !bind(lib, "cuCtxPopCurrent_v2", &d.cuCtxPopCurrent) || !bind(lib, "cuCtxSynchronize", &d.cuCtxSynchronize) ||
      !bind(lib, "cuMemcpyHtoDAsync_v2", &d.cuMemcpyHtoDAsync) || !bind(lib, "cuEventCreate", &d.cuEventCreate) ||
      !bind(lib, "cuEventRecord", &d.cuEventRecord) || !bind(lib, "cuEventSynchronize", &d.cuEventSynchronize)) {
    d.why_not = "the CUDA driver (libcuda.so.1) lacks an entry point auger needs: too old";
    return d;
  }
  if (CUresult r = d.cuInit(0); r != 0) {
    d.why_not = "the CUDA driver does not start (cuInit: " + error_name(d, r) + ")";
    return d;
  }
  int count = 0;
  if (CUresult r = d.cuDeviceGetCount(&count); r != 0 || count < 1) {
    d.why_not = "no CUDA device" + (r ? " (cuDeviceGetCount: " + error_name(d, r) + ")" : std::string());
    return d;
  }
  return d;
}

Driver& driver() {
  static Driver d = load();
  return d;
}

int acquire_primary(void* /*user_context*/, void** ctx, bool create) {
  Driver& d = driver();
  static std::mutex m;
  std::lock_guard lock(m);
  if (!d.primary && create) {
    CUdevice dev = 0;
    if (d.cuDeviceGet(&dev, 0) != 0 || d.cuDevicePrimaryCtxRetain(&d.primary, dev) != 0) return -1;
  }
  *ctx = d.primary;
  return 0;
}

int release_primary(void* /*user_context*/) {
  return 0;  // the primary context is retained for the life of the process, as torch keeps it
}

}  // namespace

const std::string& cuda_unavailable_reason() {
  return driver().why_not;
}

void use_primary_context() {
  if (!cuda_unavailable_reason().empty()) throw std::runtime_error(cuda_unavailable_reason());
  static std::once_flag once;
  std::call_once(once, [] {
    halide_set_cuda_acquire_context(&acquire_primary);
    halide_set_cuda_release_context(&release_primary);
  });
}

// Runs `f` with the primary context current (Halide pushes and pops it around each kernel call; between calls no
// context is current on this thread).
template <class F>
void in_primary_context(const char* what, F f) {
  Driver& d = driver();
  void* ctx = nullptr;
  if (acquire_primary(nullptr, &ctx, true) != 0 || d.cuCtxPushCurrent(ctx) != 0)
    throw std::runtime_error("cannot make the primary CUDA context current");
  const CUresult r = f(d);
  CUcontext popped = nullptr;
  d.cuCtxPopCurrent(&popped);
  if (r != 0) throw std::runtime_error(std::string(what) + ": " + error_name(d, r));
}

void synchronize() {
  in_primary_context("cuCtxSynchronize", [](Driver& d) { return d.cuCtxSynchronize(); });
}

void copy_to_device_async(std::uint64_t dst, const void* src, std::size_t bytes) {
  in_primary_context("copying a batch to the GPU", [&](Driver& d) {
    if (!d.copied)
      if (CUresult r = d.cuEventCreate(&d.copied, 0x2 /* CU_EVENT_DISABLE_TIMING */); r != 0) return r;
    if (CUresult r = d.cuMemcpyHtoDAsync(dst, src, bytes, nullptr); r != 0) return r;
    return d.cuEventRecord(d.copied, nullptr);
  });
}

void wait_for_copies() {
  in_primary_context("waiting for a copy to the GPU",
                     [](Driver& d) { return d.copied ? d.cuEventSynchronize(d.copied) : CUresult{0}; });
}

void* pinned_alloc(std::size_t bytes) {
  Driver& d = driver();
  if (!d.why_not.empty()) throw std::runtime_error(d.why_not);
  void* p = nullptr;
  // Portable (0x1): usable from any context, so the staging buffer does not depend on which one is current.
  if (CUresult r = d.cuMemHostAlloc(&p, bytes == 0 ? 1 : bytes, 0x1); r != 0)
    throw std::runtime_error("cuMemHostAlloc of " + std::to_string(bytes) + " bytes: " + error_name(d, r));
  return p;
}

void pinned_free(void* p) {
  if (p) driver().cuMemFreeHost(p);
}

}  // namespace auger::rt::gpu
