#include "runtime/gpu/batch_executor.h"

#include <HalideBuffer.h>
#include <HalideRuntimeCuda.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>

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

// Every per-sample value of a batch, as the kernels' tables (host side).
struct HostTables {
  std::size_t pixel_bytes = 0;
  std::vector<int> geom;  // (offset, width, height, first row read) per sample
  TapTables cols, rows;
  int span = 1;  // rows of the horizontal pass per sample
  int positions = 0;
  std::vector<std::int32_t> kinds;     // (sample, position)
  std::vector<float> values;           // (field, sample, position)
  std::vector<std::uint8_t> contrast;  // per position: some sample draws contrast there
  std::vector<float> mean, std;
};

HostTables host_tables(const std::vector<GpuSample>& samples) {
  HostTables t;
  std::vector<int> row_base;
  std::vector<const GpuTaps*> cols, rows;
  for (const auto& s : samples) {
    const auto [lo, hi] = std::minmax_element(s.rows.index.begin(), s.rows.index.end());
    t.geom.insert(t.geom.end(), {static_cast<int>(t.pixel_bytes), s.image->w(), s.image->h(), *lo});
    row_base.push_back(*lo);
    t.span = std::max(t.span, *hi - *lo + 1);
    cols.push_back(&s.cols);
    rows.push_back(&s.rows);
    t.pixel_bytes += s.image->u8.size();
    t.positions = std::max(t.positions, static_cast<int>(s.jitter.size()));
  }
  if (t.pixel_bytes >= (std::size_t{1} << 31)) throw std::invalid_argument("a GPU batch of 2 GiB or more of pixels");
  t.cols = tap_tables(cols, std::vector<int>(samples.size(), 0));
  t.rows = tap_tables(rows, row_base);
  const std::size_t n = samples.size(), positions = static_cast<std::size_t>(t.positions);
  t.kinds.assign(positions * n, 0);
  t.values.assign(2 * positions * n, 0.0f);
  t.contrast.assign(positions, 0);
  for (std::size_t p = 0; p < positions; ++p)
    for (std::size_t i = 0; i < n; ++i) {
      if (p >= samples[i].jitter.size()) continue;
      const JitterOp& j = samples[i].jitter[p];
      t.kinds[p * n + i] = static_cast<std::int32_t>(j.kind);
      t.values[2 * (p * n + i)] = j.a;
      t.values[2 * (p * n + i) + 1] = j.b;
      if (j.kind == JitterKind::Contrast) t.contrast[p] = 1;
    }
  t.mean.assign(samples[0].store.mean.begin(), samples[0].store.mean.end());
  t.std.assign(samples[0].store.std.begin(), samples[0].store.std.end());
  return t;
}

// Where each table goes in the staging buffer (256-byte aligned, as device pointers want), and the copies there.
class Layout {
 public:
  std::size_t bytes = 0;
  std::size_t add(std::size_t n) {
    const std::size_t at = (bytes + 255) / 256 * 256;
    bytes = at + std::max<std::size_t>(n, 1);
    return at;
  }
  template <class T>
  std::size_t add(const std::vector<T>& v) {
    const std::size_t at = add(v.size() * sizeof(T));
    copies_.push_back({at, v.data(), v.size() * sizeof(T)});
    return at;
  }
  void fill(std::uint8_t* base) const {
    for (const auto& c : copies_)  // an empty table has no data pointer, and memcpy takes none even for 0 bytes
      if (c.bytes > 0) std::memcpy(base + c.at, c.from, c.bytes);
  }

 private:
  struct Copy {
    std::size_t at;
    const void* from;
    std::size_t bytes;
  };
  std::vector<Copy> copies_;
};

// A table as the kernels take it: the device copy's (wrapped, not owned: the Buffer detaches it when destroyed),
// or, emulated, the staging buffer's own memory.
struct Staged {
  std::uint8_t* host;
  std::uint64_t device;
  template <class T>
  Buf<T> view(std::size_t at, const std::vector<int>& sizes) const {
    if (!device) return Buf<T>(reinterpret_cast<T*>(host + at), sizes);
    Buf<T> b(nullptr, sizes);
    if (b.device_wrap_native(halide_cuda_device_interface(), device + at) != 0)
      throw std::runtime_error("cannot wrap a table on the GPU");
    return b;
  }
};

// A Halide buffer [W, H, 3, N] as the batch it holds (it keeps the allocation alive).
template <class T>
DeviceBatch device_batch(GpuMode mode, std::shared_ptr<Buf<T>> buffer) {
  DeviceBatch out;
  out.raw = buffer->raw_buffer();
  out.shape = {out.raw->dim[3].extent, out.raw->dim[2].extent, out.raw->dim[1].extent, out.raw->dim[0].extent};
  out.f32 = std::is_same_v<T, float>;
  out.owner = std::move(buffer);
  if (mode == GpuMode::Cuda)
    out.device_ptr = halide_cuda_get_device_ptr(nullptr, out.raw);
  else
    out.host = out.raw->host;
  return out;
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
  HostTables t = host_tables(samples);

  // The staging buffer: the packed images, then every table. One copy takes all of it to the device, queued before
  // the kernels; the next batch waits only for that copy (not for the kernels) before it packs again.
  Layout layout;
  const std::size_t px = layout.add(t.pixel_bytes), geom = layout.add(t.geom), ci = layout.add(t.cols.index),
                    cw = layout.add(t.cols.weight), ca = layout.add(t.cols.add), ri = layout.add(t.rows.index),
                    rw = layout.add(t.rows.weight), ra = layout.add(t.rows.add), kinds = layout.add(t.kinds),
                    values = layout.add(t.values), mean = layout.add(t.mean), sd = layout.add(t.std);
  std::uint8_t* host = staging(layout.bytes);
  if (mode_ == GpuMode::Cuda) wait_for_copies();  // the previous batch's copy has read the staging buffer
  pack(samples, t.geom, host + px);
  layout.fill(host);
  Buf<std::uint8_t> all;  // the device copy of the staging buffer, alive until the kernels are queued
  std::uint64_t device = 0;
  if (mode_ == GpuMode::Cuda) {
    all = device_buffer<std::uint8_t>(mode_, {static_cast<int>(layout.bytes)});
    device = halide_cuda_get_device_ptr(nullptr, all.raw_buffer());
    copy_to_device_async(device, host, layout.bytes);
  }
  const Staged st{host, device};

  const Kernels k = kernels(mode_);
  Buf<std::uint8_t> cur = device_buffer<std::uint8_t>(mode_, {w, h, 3, n});
  auto pixels = st.view<std::uint8_t>(px, {static_cast<int>(std::max<std::size_t>(t.pixel_bytes, 1))});
  check(k.resample(pixels, st.view<int>(geom, {4, n}), st.view<int>(ci, {t.cols.taps, w, n}),
                   st.view<float>(cw, {t.cols.taps, w, n}), st.view<std::uint8_t>(ca, {t.cols.taps, w, n}),
                   st.view<int>(ri, {t.rows.taps, h, n}), st.view<float>(rw, {t.rows.taps, h, n}),
                   st.view<std::uint8_t>(ra, {t.rows.taps, h, n}), t.span, cur),
        "auger_gpu_resample");
  if (t.positions > 0) {
    Buf<std::uint8_t> next = device_buffer<std::uint8_t>(mode_, {w, h, 3, n});
    Buf<std::int32_t> sums = device_buffer<std::int32_t>(mode_, {n});
    for (int p = 0; p < t.positions; ++p) {
      if (t.contrast[static_cast<std::size_t>(p)]) check(k.gray_sum(cur, sums), "auger_gpu_gray_sum");
      const std::size_t at = static_cast<std::size_t>(p) * static_cast<std::size_t>(n);
      check(k.jitter_step(cur, st.view<std::int32_t>(kinds + at * sizeof(std::int32_t), {n}),
                          st.view<float>(values + 2 * at * sizeof(float), {2, n}), sums, next),
            "auger_gpu_jitter_step");
      std::swap(cur, next);
    }
  }

  if (!samples[0].store.f32) return device_batch(mode_, std::make_shared<Buf<std::uint8_t>>(std::move(cur)));
  auto stored = std::make_shared<Buf<float>>(device_buffer<float>(mode_, {w, h, 3, n}));
  check(k.store(cur, st.view<float>(mean, {3}), st.view<float>(sd, {3}), *stored), "auger_gpu_store");
  return device_batch(mode_, std::move(stored));
}

DeviceBatch GpuBatchExecutor::allocate(const std::array<std::int64_t, 4>& shape, bool f32) {
  const std::vector<int> sizes{static_cast<int>(shape[3]), static_cast<int>(shape[2]), static_cast<int>(shape[1]),
                               static_cast<int>(shape[0])};
  if (f32) return device_batch(mode_, std::make_shared<Buf<float>>(device_buffer<float>(mode_, sizes)));
  return device_batch(mode_, std::make_shared<Buf<std::uint8_t>>(device_buffer<std::uint8_t>(mode_, sizes)));
}

void GpuBatchExecutor::put_row(const DeviceBatch& batch, std::size_t row, const void* src) {
  const std::size_t bytes =
      static_cast<std::size_t>(batch.shape[1] * batch.shape[2] * batch.shape[3]) * (batch.f32 ? sizeof(float) : 1);
  if (mode_ == GpuMode::HostEmulation) {
    std::memcpy(static_cast<std::uint8_t*>(batch.raw->host) + row * bytes, src, bytes);
    return;
  }
  // From pageable memory the driver returns once it has staged `src`; the copy stays ordered before later kernels.
  copy_to_device_async(batch.device_ptr + row * bytes, src, bytes);
}

}  // namespace auger::rt::gpu
