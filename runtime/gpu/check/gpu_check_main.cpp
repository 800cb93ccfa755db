// auger_gpu_check: the GPU batch kernels on a GPU machine that has none of auger's libraries (bench/gpu_check.sh
// carries this program there). It links the kernels, the Halide runtime and the executor, nothing else.
//   auger_gpu_check conformance FILE   the planned batch FILE (bench/gpu_prepare.py) on the GPU and in the kernels'
//                                      CPU build, each against the CPU path's results in FILE; also as the loader
//                                      runs it, half its rows given as finished results (batch_rows.h)
//   auger_gpu_check throughput FILE [--seconds S]   FILE's batch again and again, from decoded u8 in host memory
//                                      to the stored batch on the device: images/s synchronised per batch, and
//                                      with the batches queued back to back
// Prints one JSON object; exit 0 when it ran (conformance: and every sample agreed), 1 when not, 2 on bad usage.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/gpu/batch_executor.h"
#include "runtime/gpu/batch_rows.h"
#include "runtime/gpu/cuda_driver.h"
#include "runtime/gpu/plan_io.h"

using namespace auger::rt::gpu;
using auger::rt::Elem;
using auger::rt::Image;
using auger::rt::Shape;

namespace {

struct Agreement {
  double max_abs = 0;
  long mismatched_samples = 0;
};

// Integers must agree exactly, floats within 1e-5 (ops.md §7's bound for the CPU paths).
Agreement compare(const PlannedBatch& b, const DeviceBatch& out) {
  if (b.expected.empty()) throw std::runtime_error("the planned batch holds no expected results");
  std::size_t per = 1;
  for (int d = 1; d < 4; ++d) per *= static_cast<std::size_t>(out.shape[static_cast<std::size_t>(d)]);
  const std::size_t n = per * static_cast<std::size_t>(out.shape[0]);
  std::vector<float> got(n);
  if (out.f32) {
    download(out, got.data());
  } else {
    std::vector<std::uint8_t> u8(n);
    download(out, u8.data());
    std::copy(u8.begin(), u8.end(), got.begin());
  }
  Agreement a;
  const double bound = out.f32 ? 1e-5 : 0.0;
  for (std::size_t s = 0; s * per < n; ++s) {
    double worst = 0;
    for (std::size_t i = s * per; i < (s + 1) * per; ++i)
      worst = std::max(worst, std::fabs(static_cast<double>(got[i]) - static_cast<double>(b.expected[i])));
    a.max_abs = std::max(a.max_abs, worst);
    if (!(worst <= bound)) ++a.mismatched_samples;
  }
  return a;
}

// The loader's way (runtime/gpu/batch_rows.h): every odd sample given as its finished result (as a sample the
// kernels cannot express comes from the CPU path), the others planned; the batch must still be the expected one.
DeviceBatch loader_rows(GpuBatchExecutor& executor, const PlannedBatch& b) {
  const Shape shape = b.samples.front().out_shape();
  const std::size_t per = static_cast<std::size_t>(shape.c) * shape.h * shape.w;
  std::vector<GpuRow> rows(b.samples.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % 2 == 0) {
      rows[i] = {*b.samples[i].image, b.samples[i]};
      continue;
    }
    const auto from = b.expected.begin() + static_cast<std::ptrdiff_t>(i * per);
    Image done = shape.elem == Elem::F32 ? Image::make_f32(shape.c, shape.h, shape.w)
                                         : Image::make_u8(shape.c, shape.h, shape.w);
    if (done.is_u8())
      std::transform(from, from + static_cast<std::ptrdiff_t>(per), done.u8.begin(),
                     [](float v) { return static_cast<std::uint8_t>(v); });
    else
      std::copy(from, from + static_cast<std::ptrdiff_t>(per), done.f32.begin());
    rows[i].image = std::move(done);
  }
  return run_rows(executor, rows, shape);
}

std::string agreement_json(const Agreement& a) {
  return "{\"max_abs_diff\": " + std::to_string(a.max_abs) +
         ", \"mismatched_samples\": " + std::to_string(a.mismatched_samples) + "}";
}

int conformance(const PlannedBatch& b) {
  GpuBatchExecutor emulated(GpuMode::HostEmulation);
  const Agreement e = compare(b, emulated.run(b.samples)), er = compare(b, loader_rows(emulated, b));
  std::string gpu = "null", gpu_rows = "null";
  bool ok = e.mismatched_samples == 0 && er.mismatched_samples == 0;
  if (cuda_unavailable_reason().empty()) {
    GpuBatchExecutor device(GpuMode::Cuda);
    const Agreement g = compare(b, device.run(b.samples)), gr = compare(b, loader_rows(device, b));
    ok = ok && g.mismatched_samples == 0 && gr.mismatched_samples == 0;
    gpu = agreement_json(g);
    gpu_rows = agreement_json(gr);
  } else {
    ok = false;
  }
  std::printf(
      "{\"check\": \"conformance\", \"samples\": %zu, \"gpu\": %s, \"gpu_loader_rows\": %s, \"emulated\": %s, "
      "\"emulated_loader_rows\": %s, \"cuda\": \"%s\", \"ok\": %s}\n",
      b.samples.size(), gpu.c_str(), gpu_rows.c_str(), agreement_json(e).c_str(), agreement_json(er).c_str(),
      cuda_unavailable_reason().empty() ? "available" : cuda_unavailable_reason().c_str(), ok ? "true" : "false");
  return ok ? 0 : 1;
}

// Batches per second: each batch synchronised before the next is packed (the latency a consumer sees), or queued
// back to back and synchronised at the end (the host packs batch k + 1 while the GPU runs batch k, as a loader
// with a batch in flight would).
double batches_per_s(GpuBatchExecutor& device, const PlannedBatch& b, double seconds, bool each, long* batches) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  double elapsed = 0;
  *batches = 0;
  while (elapsed < seconds || *batches < 5) {
    device.run(b.samples);
    if (each) synchronize();
    ++*batches;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  synchronize();
  elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(*batches) / elapsed;
}

int throughput(const PlannedBatch& b, double seconds) {
  if (!cuda_unavailable_reason().empty()) {
    std::printf("{\"check\": \"throughput\", \"error\": \"%s\"}\n", cuda_unavailable_reason().c_str());
    return 1;
  }
  GpuBatchExecutor device(GpuMode::Cuda);
  for (int i = 0; i < 3; ++i) device.run(b.samples);  // warm-up: module load, allocations
  synchronize();
  long synced = 0, queued = 0;
  const double per_batch = batches_per_s(device, b, seconds / 2, true, &synced);
  const double pipelined = batches_per_s(device, b, seconds / 2, false, &queued);
  const double n = static_cast<double>(b.samples.size());
  // images_per_s: the synchronised figure (the conservative one); pipelined_images_per_s beside it.
  std::printf(
      "{\"check\": \"throughput\", \"batch\": %zu, \"images_per_s\": %.1f, \"ms_per_batch\": %.3f, "
      "\"batches\": %ld, \"pipelined_images_per_s\": %.1f, \"pipelined_batches\": %ld}\n",
      b.samples.size(), per_batch * n, 1000.0 / per_batch, synced, pipelined * n, queued);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: auger_gpu_check (conformance | throughput) FILE [--seconds S]\n");
    return 2;
  }
  try {
    const std::string mode = argv[1];
    const PlannedBatch b = read_planned_batch(argv[2]);
    double seconds = 5;
    if (argc == 5 && std::string(argv[3]) == "--seconds") seconds = std::stod(argv[4]);
    if (mode == "conformance") return conformance(b);
    if (mode == "throughput") return throughput(b, seconds);
    std::fprintf(stderr, "auger_gpu_check: unknown check %s\n", mode.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "auger_gpu_check: %s\n", e.what());
    return 1;
  }
}
