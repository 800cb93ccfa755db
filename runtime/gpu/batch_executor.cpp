#include "runtime/gpu/batch_executor.h"

#include <HalideBuffer.h>
#include <HalideRuntimeCuda.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

#include "gpu_kernels.h"
#include "gpu_kernels_host.h"
#include "runtime/gpu/cuda_driver.h"

namespace auger::rt::gpu {

namespace {

template <class T>
using Buf = Halide::Runtime::Buffer<T>;

void check(int rc, const char* kernel) {
  if (rc != 0) throw std::runtime_error(std::string(kernel) + " failed (Halide error " + std::to_string(rc) + ")");
}

// A host table the kernel copies to the device itself (host dirty).
template <class T>
Buf<T> host_table(std::vector<T>& v, const std::vector<int>& sizes) {
  Buf<T> b(v.data(), sizes);
  b.set_host_dirty();
  return b;
}

// A buffer that lives on the device only (what one kernel writes and the next reads); in host memory, emulated.
template <class T>
Buf<T> device_buffer(GpuMode mode, const std::vector<int>& sizes) {
  if (mode == GpuMode::HostEmulation) return Buf<T>(sizes);
  Buf<T> b(nullptr, sizes);
  if (b.device_malloc(halide_cuda_device_interface()) != 0)
    throw std::runtime_error("cannot allocate a batch buffer on the GPU");
  return b;
}

// The four kernels, in their GPU or CPU build (same signatures).
struct Kernels {
  decltype(&auger_gpu_resample) resample;
  decltype(&auger_gpu_gray_sum) gray_sum;
  decltype(&auger_gpu_jitter_step) jitter_step;
  decltype(&auger_gpu_store) store;
};

Kernels kernels(GpuMode mode) {
  if (mode == GpuMode::HostEmulation)
    return {&auger_gpu_resample_host, &auger_gpu_gray_sum_host, &auger_gpu_jitter_step_host, &auger_gpu_store_host};
  return {&auger_gpu_resample, &auger_gpu_gray_sum, &auger_gpu_jitter_step, &auger_gpu_store};
}

// One axis's taps of every sample as (tap, output, sample) tables, each padded to the batch's most taps with zero
// weights (adding an exact zero), indices relative to `base[n]`.
struct TapTables {
  int taps = 1;
  std::vector<int> index;
  std::vector<float> weight;
  std::vector<std::uint8_t> add;
};

TapTables tap_tables(const std::vector<const GpuTaps*>& axis, const std::vector<int>& base) {
  TapTables t;
  for (const auto* a : axis) t.taps = std::max(t.taps, a->taps);
  const int outputs = axis.front()->outputs();
  const std::size_t k = static_cast<std::size_t>(t.taps), size = k * static_cast<std::size_t>(outputs) * axis.size();
  t.index.assign(size, 0);
  t.weight.assign(size, 0.0f);
  t.add.assign(size, 1);
  for (std::size_t n = 0; n < axis.size(); ++n) {
    const GpuTaps& a = *axis[n];
    for (int o = 0; o < outputs; ++o)
      for (int j = 0; j < a.taps; ++j) {
        const std::size_t from = static_cast<std::size_t>(o) * static_cast<std::size_t>(a.taps) + j;
        const std::size_t to = (n * static_cast<std::size_t>(outputs) + o) * k + j;
        t.index[to] = a.index[from] - base[n];
        t.weight[to] = a.weight[from];
        t.add[to] = a.add[from];
      }
    for (int o = 0; o < outputs; ++o)  // padding taps read the output's first tap's input (weight 0)
      for (int j = a.taps; j < t.taps; ++j) {
        const std::size_t first = (n * static_cast<std::size_t>(outputs) + o) * k;
        t.index[first + j] = t.index[first];
      }
  }
  return t;
}

// Copies each sample's image to its offset in the staging buffer (geom: 4 ints per sample, the offset first). A
// batch of 256 decoded 224x224 images is 38 MB: one thread copies it at memory speed of one core, which is as long
// as the kernels take, so the copy is spread over a few threads.
void pack(const std::vector<GpuSample>& samples, const std::vector<int>& geom, std::uint8_t* px) {
  auto copy = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
      std::memcpy(px + geom[4 * i], samples[i].image->u8.data(), samples[i].image->u8.size());
  };
  const std::size_t n = samples.size();
  const std::size_t threads = std::min<std::size_t>({8, std::max(1u, std::thread::hardware_concurrency()), n});
  if (threads <= 1) return copy(0, n);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(copy, n * t / threads, n * (t + 1) / threads);
  copy(0, n / threads);
  for (auto& th : pool) th.join();
}

}  // namespace

void download(const DeviceBatch& batch, void* dst) {
  std::size_t n = batch.f32 ? sizeof(float) : 1;
  for (auto d : batch.shape) n *= static_cast<std::size_t>(d);
  if (batch.host) {
    std::memcpy(dst, batch.host, n);
    return;
  }
  // A view of the device allocation with `dst` as its host side, marked device-dirty: Halide copies it down.
  halide_buffer_t view = *batch.raw;
  view.host = static_cast<std::uint8_t*>(dst);
  view.flags = 0;
  view.set_device_dirty(true);
  check(halide_copy_to_host(nullptr, &view), "copying a batch from the GPU");
}

GpuBatchExecutor::GpuBatchExecutor(GpuMode mode) : mode_(mode) {
  if (mode_ == GpuMode::HostEmulation) return;
  use_primary_context();
  halide_reuse_device_allocations(nullptr, true);  // batch after batch needs the same sizes: no cuMemAlloc each time
}

GpuBatchExecutor::~GpuBatchExecutor() {
  if (mode_ == GpuMode::Cuda)
    pinned_free(staging_);
  else
    delete[] staging_;
}

std::uint8_t* GpuBatchExecutor::staging(std::size_t bytes) {
  if (bytes > staging_bytes_) {
    if (mode_ == GpuMode::Cuda)
      pinned_free(staging_);
    else
      delete[] staging_;
    staging_ = nullptr;
    staging_bytes_ = 0;
    staging_ = mode_ == GpuMode::Cuda ? static_cast<std::uint8_t*>(pinned_alloc(bytes)) : new std::uint8_t[bytes];
    staging_bytes_ = bytes;
  }
  return staging_;
}

DeviceBatch GpuBatchExecutor::run(const std::vector<GpuSample>& samples) {
  if (samples.empty()) throw std::invalid_argument("an empty GPU batch");
  const int n = static_cast<int>(samples.size()), w = samples[0].out_w(), h = samples[0].out_h();
  for (const auto& s : samples)
    if (s.out_w() != w || s.out_h() != h || !(s.store == samples[0].store))
      throw std::invalid_argument("the samples of a GPU batch differ in output size or store");

  const Kernels k = kernels(mode_);
  // The decoded images, one after another, in pinned memory: the one host-to-device copy of the batch.
  std::size_t total = 0;
  for (const auto& s : samples) total += s.image->u8.size();
  if (total >= (std::size_t{1} << 31)) throw std::invalid_argument("a GPU batch of 2 GiB or more of pixels");
  std::uint8_t* px = staging(total);
  if (mode_ == GpuMode::Cuda) wait_for_copies();  // the previous batch's copy has read the staging buffer
  std::vector<int> geom;                          // (offset, width, height, first row read) per sample
  std::vector<int> row_base;
  std::vector<const GpuTaps*> cols, rows;
  int span = 1;
  std::size_t offset = 0;
  for (const auto& s : samples) {
    const auto [lo, hi] = std::minmax_element(s.rows.index.begin(), s.rows.index.end());
    geom.insert(geom.end(), {static_cast<int>(offset), s.image->w(), s.image->h(), *lo});
    row_base.push_back(*lo);
    span = std::max(span, *hi - *lo + 1);
    cols.push_back(&s.cols);
    rows.push_back(&s.rows);
    offset += s.image->u8.size();
  }
  pack(samples, geom, px);
  TapTables ct = tap_tables(cols, std::vector<int>(samples.size(), 0)), rt = tap_tables(rows, row_base);

  // One copy of the packed images to the device, queued before the kernels; the next batch waits only for this copy
  // (not the kernels) before it packs into the staging buffer again.
  const int px_count = static_cast<int>(std::max<std::size_t>(total, 1));
  Buf<std::uint8_t> pixels(px, {px_count});
  if (mode_ == GpuMode::Cuda) {
    pixels = device_buffer<std::uint8_t>(mode_, {px_count});
    copy_to_device_async(halide_cuda_get_device_ptr(nullptr, pixels.raw_buffer()), px, total);
  }
  auto g = host_table(geom, {4, n});
  auto ci = host_table(ct.index, {ct.taps, w, n}), ri = host_table(rt.index, {rt.taps, h, n});
  auto cw = host_table(ct.weight, {ct.taps, w, n}), rw = host_table(rt.weight, {rt.taps, h, n});
  auto ca = host_table(ct.add, {ct.taps, w, n}), ra = host_table(rt.add, {rt.taps, h, n});
  Buf<std::uint8_t> cur = device_buffer<std::uint8_t>(mode_, {w, h, 3, n});
  check(k.resample(pixels, g, ci, cw, ca, ri, rw, ra, span, cur), "auger_gpu_resample");

  std::size_t positions = 0;
  for (const auto& s : samples) positions = std::max(positions, s.jitter.size());
  if (positions > 0) {
    Buf<std::uint8_t> next = device_buffer<std::uint8_t>(mode_, {w, h, 3, n});
    Buf<std::int32_t> sums = device_buffer<std::int32_t>(mode_, {n});
    for (std::size_t p = 0; p < positions; ++p) {
      std::vector<std::int32_t> kind(samples.size(), 0);
      std::vector<float> value(2 * samples.size(), 0.0f);
      bool contrast = false;
      for (std::size_t i = 0; i < samples.size(); ++i) {
        if (p >= samples[i].jitter.size()) continue;
        const JitterOp& j = samples[i].jitter[p];
        kind[i] = static_cast<std::int32_t>(j.kind);
        value[2 * i] = j.a;
        value[2 * i + 1] = j.b;
        contrast = contrast || j.kind == JitterKind::Contrast;
      }
      if (contrast) check(k.gray_sum(cur, sums), "auger_gpu_gray_sum");
      auto kinds = host_table(kind, {n});
      auto values = host_table(value, {2, n});
      check(k.jitter_step(cur, kinds, values, sums, next), "auger_gpu_jitter_step");
      std::swap(cur, next);
    }
  }

  DeviceBatch out;
  out.shape = {n, 3, h, w};
  out.f32 = samples[0].store.f32;
  halide_buffer_t* raw = nullptr;
  if (out.f32) {
    std::vector<float> mean(samples[0].store.mean.begin(), samples[0].store.mean.end());
    std::vector<float> sd(samples[0].store.std.begin(), samples[0].store.std.end());
    auto m = host_table(mean, {3});
    auto s = host_table(sd, {3});
    auto stored = std::make_shared<Buf<float>>(device_buffer<float>(mode_, {w, h, 3, n}));
    check(k.store(cur, m, s, *stored), "auger_gpu_store");
    out.owner = stored;
    raw = stored->raw_buffer();
  } else {
    auto kept = std::make_shared<Buf<std::uint8_t>>(std::move(cur));
    out.owner = kept;
    raw = kept->raw_buffer();
  }
  out.raw = raw;
  if (mode_ == GpuMode::Cuda)
    out.device_ptr = halide_cuda_get_device_ptr(nullptr, raw);
  else
    out.host = raw->host;
  return out;
}

}  // namespace auger::rt::gpu
