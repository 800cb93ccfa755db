// The GPU batch path's host side (runtime/gpu) without a GPU: plans (the resample's tables with the remaps folded
// in, color_jitter's ops, the store, refusals naming the op), the planned-batch file, and the kernels' CPU build
// (the same Halide definitions as the CUDA kernels) against the fused CPU path on a batch of differently sized
// images; a batch of planned and finished rows (the loader's GPU path).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/fused/fused_executor.h"
#include "runtime/gpu/batch_executor.h"
#include "runtime/gpu/batch_plan.h"
#include "runtime/gpu/batch_rows.h"
#include "runtime/gpu/plan_io.h"
#include "runtime/ops/image_op.h"
#include "tests/unit/runtime/hand_trace.h"
#include "tests/unit/temp_dir.h"

using namespace auger::rt;
using namespace auger::rt::gpu;
using auger::rng::DrawStream;
using auger::test::OpSpec;
using auger::test::resolve;

namespace {

Image pattern(int h, int w, int c = 3, std::uint32_t seed = 1) {
  Image img = Image::make_u8(c, h, w);
  std::uint32_t s = seed * 2654435761u + 7u;
  for (auto& v : img.u8) {
    s = s * 1664525u + 1013904223u;
    v = static_cast<std::uint8_t>(s >> 24);
  }
  for (int y = 0; y < h; ++y)  // a smooth part, so the resample's sums are not all noise
    for (int x = 0; x < w / 2; ++x)
      for (int ch = 0; ch < c; ++ch) img.at8(ch, y, x) = static_cast<std::uint8_t>((x * 3 + y * 2 + ch * 50) % 256);
  return img;
}

std::vector<OpSpec> colorjitter_specs() {
  auto num = [](double v) { return ArgValue::num(v); };
  return {{"random_resized_crop", {{"size", ArgValue::num(48, true)}}},
          {"hflip", {}},
          {"contrast", {{"factor", num(1.3)}}},
          {"hue", {{"shift", num(-0.07)}}},
          {"brightness", {{"factor", num(0.8)}}},
          {"saturation", {{"factor", num(1.5)}}},
          {"to_float", {}},
          {"normalize",
           {{"mean", ArgValue::of_list({0.485, 0.456, 0.406})}, {"std", ArgValue::of_list({0.229, 0.224, 0.225})}}}};
}

GpuSample plan(const std::vector<AppliedOp>& ops, const Image& img) {
  std::string why;
  auto s = plan_gpu_sample(ops, img, &why);
  REQUIRE_MESSAGE(s.has_value(), why);
  return *s;
}

std::string refusal(const std::vector<OpSpec>& specs, const Image& img) {
  std::string why;
  CHECK_FALSE(plan_gpu_sample(resolve(specs, img.shape, 1), img, &why).has_value());
  return why;
}

}  // namespace

TEST_CASE("gpu plan: a flip after the resample reverses its column table") {
  const Image img = pattern(70, 90);
  auto ops = resolve({{"random_resized_crop", {{"size", ArgValue::num(32, true)}}}, {"hflip", {}}}, img.shape, 3);
  const GpuSample flipped = plan(ops, img);
  ops.pop_back();
  const GpuSample plain = plan(ops, img);
  REQUIRE(flipped.out_w() == 32);
  REQUIRE(flipped.out_h() == 32);
  CHECK(flipped.rows.index == plain.rows.index);
  const int k = plain.cols.taps;
  for (int o = 0; o < 32; ++o)
    for (int t = 0; t < k; ++t) {
      CHECK(flipped.cols.index[o * k + t] == plain.cols.index[(31 - o) * k + t]);
      CHECK(flipped.cols.weight[o * k + t] == plain.cols.weight[(31 - o) * k + t]);
    }
  // Indices are the source image's: the crop's offset is in them.
  const int left = static_cast<int>(ops[0].args.integer("left"));
  CHECK(*std::min_element(plain.cols.index.begin(), plain.cols.index.end()) >= left);
  CHECK_FALSE(flipped.store.f32);
}

TEST_CASE("gpu plan: color_jitter's ops in their order, and the store") {
  const Image img = pattern(40, 50);
  const GpuSample s = plan(resolve(colorjitter_specs(), img.shape, 5), img);
  REQUIRE(s.jitter.size() == 4);
  CHECK(s.jitter[0].kind == JitterKind::Contrast);
  CHECK(s.jitter[0].a == doctest::Approx(1.3f));
  CHECK(s.jitter[0].b == static_cast<float>(1.0 - 1.3));
  CHECK(s.jitter[1].kind == JitterKind::Hue);
  CHECK(s.jitter[1].a == static_cast<float>(-0.07));
  CHECK(s.jitter[2].kind == JitterKind::Brightness);
  CHECK(s.jitter[3].kind == JitterKind::Saturation);
  CHECK(s.store.f32);
  CHECK(s.store.std[2] == 0.225f);
}

TEST_CASE("gpu plan: what the kernels cannot express is refused, naming it") {
  const Image img = pattern(40, 50);
  CHECK(refusal({{"rotate", {{"angle", ArgValue::num(30)}}}}, img).find("`rotate`") != std::string::npos);
  CHECK(refusal({{"resize", {{"size", ArgValue::num(20, true)}}}, {"sharpness", {{"factor", ArgValue::num(2)}}}}, img)
            .find("`sharpness`") != std::string::npos);
  CHECK(refusal({{"pad", {{"px", ArgValue::num(4, true)}}}}, img).find("fills") != std::string::npos);
  const Image grey = pattern(40, 50, 1);
  CHECK(refusal({{"hflip", {}}}, grey).find("3-channel") != std::string::npos);
}

TEST_CASE("gpu batch: the kernels' CPU build equals the fused CPU path on a batch of odd sizes") {
  const std::vector<Image> images = {pattern(57, 83, 3, 1), pattern(120, 64, 3, 2), pattern(49, 49, 3, 3)};
  std::vector<std::vector<AppliedOp>> traces;
  std::vector<GpuSample> samples;
  for (std::size_t i = 0; i < images.size(); ++i) {
    traces.push_back(resolve(colorjitter_specs(), images[i].shape, 10 + i));
    samples.push_back(plan(traces.back(), images[i]));
  }
  GpuBatchExecutor emulated(GpuMode::HostEmulation);
  const DeviceBatch out = emulated.run(samples);
  REQUIRE(out.f32);
  REQUIRE(out.shape == std::array<std::int64_t, 4>{3, 3, 48, 48});
  std::vector<float> got(3 * 3 * 48 * 48);
  download(out, got.data());
  auger::rt::fused::FusedExecutor cpu;
  for (std::size_t i = 0; i < images.size(); ++i) {
    const Image want = cpu.run(traces[i], images[i]);
    REQUIRE(want.f32.size() == 3u * 48 * 48);
    double worst = 0;
    for (std::size_t j = 0; j < want.f32.size(); ++j)
      worst = std::max(worst, std::fabs(double(want.f32[j]) - double(got[i * want.f32.size() + j])));
    CHECK_MESSAGE(worst <= 1e-5, "sample ", i, ": ", worst);
  }
}

TEST_CASE("gpu batch rows: finished rows (the CPU path's) are written over the kernels' rows, in place") {
  const std::vector<Image> images = {pattern(57, 83, 3, 4), pattern(90, 70, 3, 5), pattern(64, 64, 3, 6)};
  std::vector<GpuRow> rows;
  for (std::size_t i = 0; i < images.size(); ++i)
    rows.push_back({images[i], plan(resolve(colorjitter_specs(), images[i].shape, 20 + i), images[i])});
  GpuBatchExecutor emulated(GpuMode::HostEmulation);
  const Shape shape{3, 48, 48, Elem::F32};
  std::vector<GpuSample> all;
  for (auto& r : rows) {
    all.push_back(*r.plan);
    all.back().image = &r.image;
  }
  const std::size_t plane = 3u * 48 * 48;
  std::vector<float> kernels(3 * plane), mixed(3 * plane), finished(3 * plane);
  download(emulated.run(all), kernels.data());

  Image done = Image::make_f32(3, 48, 48);
  for (std::size_t j = 0; j < plane; ++j) done.f32[j] = static_cast<float>(j) * 0.5f - 7.0f;
  rows[1] = {done, std::nullopt};
  const DeviceBatch out = run_rows(emulated, rows, shape);
  REQUIRE(out.shape == std::array<std::int64_t, 4>{3, 3, 48, 48});
  download(out, mixed.data());
  CHECK(std::equal(mixed.begin(), mixed.begin() + plane, kernels.begin()));
  CHECK(std::equal(mixed.begin() + plane, mixed.begin() + 2 * plane, done.f32.begin()));
  CHECK(std::equal(mixed.begin() + 2 * plane, mixed.end(), kernels.begin() + 2 * plane));

  for (auto& r : rows) r = {done, std::nullopt};  // no planned row: the batch is allocated, then filled
  download(run_rows(emulated, rows, shape), finished.data());
  for (std::size_t i = 0; i < 3; ++i)
    CHECK(std::equal(finished.begin() + i * plane, finished.begin() + (i + 1) * plane, done.f32.begin()));
  rows[0] = {Image::make_f32(3, 40, 48), std::nullopt};
  CHECK_THROWS(run_rows(emulated, rows, shape));  // a finished row of another size is a bug, never a silent copy
}

TEST_CASE("gpu plan file: what is written is read back") {
  auger::test::TempDir dir;
  PlannedBatch b;
  b.images = {pattern(30, 40, 3, 1), pattern(20, 25, 3, 2)};
  b.image_of = {1, 0, 1};
  b.keys = {"a", "b", "c"};
  for (int k : b.image_of) b.samples.push_back(plan(resolve(colorjitter_specs(), b.images[k].shape, k), b.images[k]));
  b.expected = {1.5f, -2.0f};
  const std::string path = dir / "b.plan";
  write_planned_batch(path, b);
  const PlannedBatch r = read_planned_batch(path);
  REQUIRE(r.samples.size() == 3);
  CHECK(r.keys == b.keys);
  CHECK(r.image_of == b.image_of);
  CHECK(r.expected == b.expected);
  CHECK(r.samples[0].image == &r.images[1]);
  CHECK(r.images[1].u8 == b.images[1].u8);
  CHECK(r.samples[2].cols.index == b.samples[2].cols.index);
  CHECK(r.samples[2].rows.weight == b.samples[2].rows.weight);
  CHECK(r.samples[1].jitter.size() == b.samples[1].jitter.size());
  CHECK(r.samples[1].store == b.samples[1].store);
}
