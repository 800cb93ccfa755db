// fused_bench: samples per second of the fused path (and the reference path) on one core, on decoded images in
// memory, for the two benchmark pipelines (samples per CPU-second of the benchmarking thread):
//   randaugment: random_resized_crop(224) + hflip @p(0.5) + rand_augment(2, 9) + to_float + normalize(imagenet)
//   colorjitter: random_resized_crop(224) + hflip @p(0.5) + color_jitter(.4, .4, .4, .1) + to_float + normalize
// Traces are drawn here with torchvision's distributions (RandAugment's 14 ops at magnitude bin 9 of 31, signed;
// ColorJitter's uniform factors in a random order), through the reference ops' own resolve() for crop boxes.
// A timing harness, not a test: it is not part of the build (the .cc suffix keeps it out of runtime/'s glob).
//
// Build and run (after `ninja -C build-fused auger_runtime`):
//   c++ -O2 -std=c++20 -I. -I/usr/include/halide14 -I/usr/include/opencv4 runtime/fused/bench/fused_bench.cc \
//       build-fused/runtime/libauger_runtime.a -lHalide14 -lopencv_imgcodecs -lopencv_imgproc -lopencv_core \
//       -ldl -lpthread -o build-fused/fused_bench
//   taskset -c 0 build-fused/fused_bench [IMAGE_DIR (default bench/.corpus)] [SECONDS (default 3)]
//   [--fused-only|--check]
// --check compares the fused output with the reference path's on 500 traces of each pipeline instead of timing.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/fused/fused_executor.h"
#include "runtime/fused/kernel_cache.h"
#include "runtime/io/image_file.h"
#include "runtime/ops/image_op.h"

using namespace auger::rt;
namespace fs = std::filesystem;

namespace {

AppliedOp make(const std::string& name, std::vector<std::pair<std::string, ArgValue>> args, const std::string& site) {
  AppliedOp op;
  op.op = name;
  op.site = site;
  op.targets = {"image"};
  for (auto& [k, v] : args) op.args.set(k, v);
  return op;
}

ArgValue num(double v) {
  return ArgValue::num(v);
}
ArgValue fill0() {
  return ArgValue::of_list({0.0});
}

// torchvision's RandAugment(2, 9) ops at magnitude bin 9 of 31 (vision.aug's table), signs drawn.
AppliedOp rand_augment_op(const auger::rng::DrawStream& d, std::uint32_t at, const std::string& site) {
  const double m = 9.0 / 30.0;
  const double sign = d.coin(at + 1) ? -1.0 : 1.0;
  auto nearest = ArgValue::of_enum("nearest");
  switch (d.choice(at, 14)) {
    case 0: return {};
    case 1: return make("shear_x", {{"amount", num(sign * 0.3 * m)}, {"interp", nearest}, {"fill", fill0()}}, site);
    case 2: return make("shear_y", {{"amount", num(sign * 0.3 * m)}, {"interp", nearest}, {"fill", fill0()}}, site);
    case 3: {
      ArgValue px = num(sign * 150.0 / 331.0 * m);
      px.fraction = true;
      return make("translate_x", {{"px", px}, {"interp", nearest}, {"fill", fill0()}}, site);
    }
    case 4: {
      ArgValue px = num(sign * 150.0 / 331.0 * m);
      px.fraction = true;
      return make("translate_y", {{"px", px}, {"interp", nearest}, {"fill", fill0()}}, site);
    }
    case 5: return make("rotate", {{"angle", num(sign * 30.0 * m)}, {"interp", nearest}, {"fill", fill0()}}, site);
    case 6: return make("brightness", {{"factor", num(1 + sign * 0.9 * m)}}, site);
    case 7: return make("saturation", {{"factor", num(1 + sign * 0.9 * m)}}, site);
    case 8: return make("contrast", {{"factor", num(1 + sign * 0.9 * m)}}, site);
    case 9: return make("sharpness", {{"factor", num(1 + sign * 0.9 * m)}}, site);
    case 10: return make("posterize", {{"bits", ArgValue::num(8 - std::round(4 * m), true)}}, site);
    case 11: return make("solarize", {{"threshold", num(255 - 255 * m)}}, site);
    case 12: return make("autocontrast", {}, site);
    default: return make("equalize", {}, site);
  }
}

enum class Pipeline { RandAugment, ColorJitter, Base };

std::vector<AppliedOp> trace(Pipeline p, const Image& img, std::uint64_t k) {
  const bool randaugment = p == Pipeline::RandAugment;
  const auger::rng::DrawStream d(0, 0, "bench" + std::to_string(k), "policy");
  std::vector<AppliedOp> ops;
  ops.push_back(make("random_resized_crop", {{"size", ArgValue::num(224, true)}}, "0"));
  if (d.bernoulli(1, 0.5)) ops.push_back(make("hflip", {}, "1"));
  if (p == Pipeline::Base) {
    // random_resized_crop + flip + the store only: the floor under both pipelines.
  } else if (randaugment) {
    for (std::uint32_t i = 0; i < 2; ++i) {
      AppliedOp op = rand_augment_op(d, 10 + 4 * i, "2#" + std::to_string(i));
      if (!op.op.empty()) ops.push_back(op);
    }
  } else {
    std::vector<int> order = {0, 1, 2, 3};
    for (int i = 3; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[d.choice(20 + i, i + 1)]);
    for (int o : order) {
      const double u = d.uniform(30 + o, 0, 1);
      if (o == 0) ops.push_back(make("brightness", {{"factor", num(0.6 + 0.8 * u)}}, "3"));
      if (o == 1) ops.push_back(make("contrast", {{"factor", num(0.6 + 0.8 * u)}}, "4"));
      if (o == 2) ops.push_back(make("saturation", {{"factor", num(0.6 + 0.8 * u)}}, "5"));
      if (o == 3) ops.push_back(make("hue", {{"shift", num(-0.1 + 0.2 * u)}}, "6"));
    }
  }
  ops.push_back(make("to_float", {}, "7"));
  ops.push_back(make(
      "normalize",
      {{"mean", ArgValue::of_list({0.485, 0.456, 0.406})}, {"std", ArgValue::of_list({0.229, 0.224, 0.225})}}, "8"));
  // The ops' own draws (the crop box) and `%` sizes, on the shapes they see.
  Shape shape = img.shape;
  for (auto& op : ops) {
    const auger::rng::DrawStream draws(k, 0, "bench", op.site);
    shape = find_image_op(op.op)->resolve(op.args, shape, draws);
  }
  return ops;
}

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double rate(const std::vector<Image>& images, Pipeline p, bool fused, double seconds, fused::FusedExecutor& exec) {
  // Traces are drawn ahead so that only the augmentation is timed.
  std::vector<std::vector<AppliedOp>> traces;
  // Trace i is drawn for image i % images.size(), so the count is a multiple of it.
  const std::size_t count = images.size() * (2000 / images.size() + 1);
  for (std::size_t i = 0; i < count; ++i) traces.push_back(trace(p, images[i % images.size()], i));
  Image out;  // a worker's output image, reused as a batch slot would be
  auto run = [&](std::size_t i) {
    const Image& img = images[i % images.size()];
    if (fused) {
      exec.run(traces[i % traces.size()], img, out);
      return out.f32.size();
    }
    Image out = img;
    for (const auto& op : traces[i % traces.size()]) find_image_op(op.op)->apply(op.args, out);
    return out.f32.size();
  };
  // Warm-up over every trace: each kernel structure they need is compiled (or loaded) before the clock starts.
  for (std::size_t i = 0; i < (fused ? traces.size() : 100); ++i) run(i);
  // CPU time of this thread: the machine is shared, and time spent preempted is not the pipeline's.
  const double t0 = cpu_seconds();
  std::size_t n = 0;
  while (cpu_seconds() - t0 < seconds) run(n++);
  return static_cast<double>(n) / (cpu_seconds() - t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "bench/.corpus";
  const double seconds = argc > 2 ? std::stod(argv[2]) : 3.0;
  const bool fused_only = argc > 3 && std::string(argv[3]) == "--fused-only";
  const std::string only = argc > 4 ? argv[4] : "";  // one pipeline by name
  std::vector<Image> images;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".jpg" && e.path().extension() != ".png") continue;
    images.push_back(read_image(e.path().string()));
    if (images.size() >= 64) break;
  }
  if (images.empty()) {
    std::fprintf(stderr, "no images in %s\n", dir.c_str());
    return 1;
  }
  double pixels = 0;
  for (const auto& im : images) pixels += static_cast<double>(im.w()) * im.h();
  std::printf("%zu images, mean %.0f pixels (500x375 = 187500); kernel cache %s\n", images.size(),
              pixels / static_cast<double>(images.size()), fused::KernelCache::global()->dir().c_str());
  fused::FusedExecutor exec;
  if (argc > 3 && std::string(argv[3]) == "--check") {
    for (Pipeline p : {Pipeline::RandAugment, Pipeline::ColorJitter}) {
      std::size_t values = 0, differ = 0;
      double worst = 0;
      for (std::size_t i = 0; i < 500; ++i) {
        const Image& img = images[i % images.size()];
        const auto ops = trace(p, img, i);
        const Image ours = exec.run(ops, img);
        Image ref = img;
        for (const auto& op : ops) find_image_op(op.op)->apply(op.args, ref);
        for (std::size_t k = 0; k < ref.f32.size(); ++k) {
          const double d = std::fabs(static_cast<double>(ours.f32[k]) - ref.f32[k]);
          differ += d > 1e-5;
          worst = std::max(worst, d);
        }
        values += ref.f32.size();
      }
      std::printf("%s: %zu of %zu values differ by more than 1e-5, worst %.3g\n",
                  p == Pipeline::RandAugment ? "randaugment" : "colorjitter", differ, values, worst);
    }
    return 0;
  }
  const std::pair<Pipeline, const char*> pipelines[] = {{Pipeline::RandAugment, "randaugment"},
                                                        {Pipeline::ColorJitter, "colorjitter"},
                                                        {Pipeline::Base, "rrc+flip+store"}};
  for (const auto& [p, name] : pipelines) {
    if (!only.empty() && only != name) continue;
    const double f = rate(images, p, true, seconds, exec);
    if (fused_only) {
      std::printf("%-15s fused %8.0f samples/s\n", name, f);
      continue;
    }
    const double r = rate(images, p, false, seconds / 2, exec);
    std::printf("%-15s fused %8.0f samples/s   reference %6.0f samples/s   (x%.1f)\n", name, f, r, f / r);
  }
  std::printf("kernel compilations: %llu; reference fallbacks: %llu\n",
              static_cast<unsigned long long>(fused::kernel_compilations()),
              static_cast<unsigned long long>(exec.counters().reference));
  std::size_t loaded = 0;
  for (const auto& k : exec.cache().list()) {
    loaded += k.in_memory;
    if (k.jit) std::printf("  JIT (no shared object): %s\n", k.structure.c_str());
  }
  std::printf("kernel structures used: %zu\n", loaded);
  return 0;
}
