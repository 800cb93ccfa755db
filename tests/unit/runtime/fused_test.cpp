// The fused path (runtime/fused) against the reference ops run one by one (ops.md §7: u8 identical on >= 99.9% of
// values and off by at most 1 elsewhere; f32 within 1e-5), on synthetic and real-photo images of odd sizes; the
// fusion rules; kernels compiled once per structure, in memory and on disk.
//
// Kernels are cached in $AUGER_CACHE_DIR, else <tmp>/auger-unit-kernels, so a second run compiles nothing.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/fused/fused_executor.h"
#include "runtime/fused/fusion_plan.h"
#include "runtime/fused/kernel_cache.h"
#include "runtime/fused/kernel_catalog.h"
#include "runtime/io/image_file.h"
#include "runtime/ops/image_op.h"
#include "tests/unit/runtime/hand_trace.h"

using namespace auger::rt;
using namespace auger::rt::fused;
using auger::rng::DrawStream;
using auger::test::OpSpec;
using auger::test::resolve;

namespace {

std::shared_ptr<KernelCache> test_cache() {
  static auto cache = [] {
    const char* env = std::getenv("AUGER_CACHE_DIR");
    const std::string dir =
        env && *env ? env : (std::filesystem::temp_directory_path() / "auger-unit-kernels").string();
    return std::make_shared<KernelCache>(dir);
  }();
  return cache;
}

// --- images ------------------------------------------------------------------------------------------------------

// Smooth gradients with texture and a few flat patches (flat regions exercise ties in rounding and equal
// histogram bins), deterministic.
Image synthetic(int h, int w, int c = 3, std::uint32_t seed = 1) {
  Image img = Image::make_u8(c, h, w);
  std::uint32_t s = seed * 2654435761u + 12345u;
  for (int ch = 0; ch < c; ++ch)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        s = s * 1664525u + 1013904223u;
        const int noise = static_cast<int>((s >> 24) % 23) - 11;
        int v = (x * 255) / std::max(1, w - 1) / 2 + (y * 255) / std::max(1, h - 1) / 3 + ch * 40 + noise;
        if ((x / 16 + y / 16) % 5 == 0) v = 60 + 50 * ch;  // flat patches
        img.at8(ch, y, x) = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
      }
  return img;
}

// A crop of a real photo from Debian's opencv-doc (the conformance tests' kind of data), or the synthetic image
// when the package is not installed.
Image photo(int h, int w, int top, int left) {
  static const Image full = [] {
    try {
      return read_image("/usr/share/doc/opencv-doc/examples/data/baboon.jpg");
    } catch (const std::exception&) {
      return Image{};
    }
  }();
  if (full.h() < top + h || full.w() < left + w) return synthetic(h, w, 3, 7);
  Image img = Image::make_u8(3, h, w);
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) img.at8(c, y, x) = full.at8(c, top + y, left + x);
  return img;
}

std::vector<Image> test_images() {
  return {synthetic(97, 131), photo(257, 190, 11, 160), photo(97, 131, 37, 50), synthetic(190, 257, 3, 3)};
}

// --- traces ------------------------------------------------------------------------------------------------------

ArgValue num(double v) {
  return ArgValue::num(v, std::floor(v) == v);
}
ArgValue list(std::vector<double> v) {
  return ArgValue::of_list(std::move(v));
}
ArgValue word(const char* s) {
  return ArgValue::of_enum(s);
}

Image run_reference(const std::vector<AppliedOp>& ops, Image img) {
  for (const auto& op : ops) find_image_op(op.op)->apply(op.args, img);
  return img;
}

std::string describe(const std::vector<AppliedOp>& ops, const Image& in) {
  std::string s = std::to_string(in.h()) + "x" + std::to_string(in.w()) + ":";
  for (const auto& op : ops) {
    s += " " + op.op + "(";
    for (const auto& [k, v] : op.args.items()) {
      s += k + "=";
      if (v.kind == ArgValue::Kind::List) {
        for (double d : v.list) s += std::to_string(d) + ",";
      } else if (v.kind == ArgValue::Kind::Enum) {
        s += v.text;
      } else {
        s += std::to_string(v.kind == ArgValue::Kind::Bool ? v.boolean : v.number);
      }
      s += " ";
    }
    s += ")";
  }
  return s;
}

// ops.md §7. An f32 result of a u8 pipeline inherits the u8 tolerance: `u8_step` is what one u8 level is worth
// after the float ops (1 / 255 / std for to_float + normalize), allowed on the values the u8 tolerance allows.
void check_conforms(const Image& ours, const Image& ref, const std::string& what, double u8_step = 0) {
  INFO(what);
  REQUIRE(ours.shape == ref.shape);
  std::size_t same = 0, total = 0;
  double worst = 0;
  if (ref.is_u8()) {
    total = ref.u8.size();
    for (std::size_t i = 0; i < total; ++i) {
      const int d = std::abs(static_cast<int>(ours.u8[i]) - static_cast<int>(ref.u8[i]));
      same += d == 0;
      worst = std::max(worst, static_cast<double>(d));
    }
    CHECK(worst <= 1);
  } else {
    total = ref.f32.size();
    for (std::size_t i = 0; i < total; ++i) {
      const double d = std::fabs(static_cast<double>(ours.f32[i]) - static_cast<double>(ref.f32[i]));
      same += d <= 1e-5;
      worst = std::max(worst, d);
    }
    CHECK(worst <= std::max(1e-5, u8_step + 1e-5));
  }
  const double frac = total ? static_cast<double>(same) / static_cast<double>(total) : 1.0;
  INFO("identical fraction " << frac << ", worst difference " << worst);
  CHECK(frac >= 0.999);
}

void agree(const std::vector<OpSpec>& specs, const Image& in, std::uint64_t seed = 0, double u8_step = 0) {
  const auto ops = resolve(specs, in.shape, seed);
  FusedExecutor fused(test_cache());
  const Image ours = fused.run(ops, in);
  const Image ref = run_reference(ops, in);
  check_conforms(ours, ref, describe(ops, in), u8_step);
  CHECK(fused.counters().reference == 0);
}

constexpr double kImagenetStep = 1.0 / 255.0 / 0.224;  // one u8 level after normalize(imagenet), worst channel

const std::vector<std::pair<std::string, ArgValue>> kImagenetNormalize = {
    {"mean", ArgValue::of_list({0.485, 0.456, 0.406})}, {"std", ArgValue::of_list({0.229, 0.224, 0.225})}};

}  // namespace

// --- the plan ----------------------------------------------------------------------------------------------------

namespace {

// A trace of `names` whose ops carry the kernel numbers `kernels` (as the sampler numbers the compiler's plan).
std::vector<AppliedOp> planned_trace(const std::vector<std::string>& names, const std::vector<int>& kernels) {
  std::vector<AppliedOp> ops(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    ops[i].op = names[i];
    ops[i].kernel = kernels[i];
  }
  return ops;
}

}  // namespace

TEST_CASE("fused plan: a planned kernel's head, geometry part and tail are read off its ops") {
  const auto plan = kernels_of(planned_trace(
      {"random_resized_crop", "hflip", "brightness", "posterize", "to_float", "normalize"}, {0, 0, 0, 0, 0, 0}));
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].head == HeadKind::Resample);
  CHECK(plan[0].interp == 0);
  CHECK(plan[0].tail == 2);
  CHECK(plan[0].end == 6);
}

TEST_CASE("fused plan: consecutive ops of one kernel group; unplanned ops run alone; impossible groups go op by op") {
  const auto plan = kernels_of(planned_trace(
      {"hflip", "rotate", "vflip", "shear_x", "equalize", "sharpness", "to_float", "elastic", "rotate", "resize"},
      {0, 0, 0, 1, -1, 2, 2, 3, 4, 4}));
  REQUIRE(plan.size() == 6);
  CHECK(plan[0].head == HeadKind::Warp);  // hflip (before), rotate, vflip (after)
  CHECK(plan[0].end == 3);
  CHECK(plan[1].head == HeadKind::Warp);   // shear_x
  CHECK(plan[2].head == HeadKind::Input);  // equalize, in no kernel: alone
  CHECK(plan[2].end == 5);
  CHECK(plan[3].head == HeadKind::Stencil);  // sharpness, then the store in the same kernel
  CHECK(plan[3].end == 7);
  CHECK(plan[4].head == HeadKind::Reference);  // elastic
  CHECK(plan[5].head == HeadKind::Reference);  // two interpolating ops: not a kernel the fused path runs
  CHECK(plan[5].begin == 8);
}

TEST_CASE("fused plan: after to_float only store ops run fused") {
  const auto plan = kernels_of(planned_trace({"to_float", "hflip", "normalize"}, {0, 1, 2}));
  REQUIRE(plan.size() == 3);
  CHECK(plan[0].head == HeadKind::Input);
  CHECK(plan[1].head == HeadKind::Reference);
  CHECK(plan[2].head == HeadKind::Input);
}

// --- single ops --------------------------------------------------------------------------------------------------

TEST_CASE("fused geometric ops agree with the reference") {
  const std::vector<std::vector<OpSpec>> cases = {
      {{"hflip", {}}},
      {{"vflip", {}}},
      {{"crop", {{"x", num(5)}, {"y", num(-3)}, {"w", num(40)}, {"h", num(300)}}}},
      {{"center_crop", {{"size", num(64)}}}},
      {{"center_crop", {{"size", list({120, 200})}}}},
      {{"random_crop", {{"size", num(48)}, {"padding", num(4)}}}},
      {{"pad", {{"px", num(7)}, {"fill", list({10, 200, 30})}}}},
      {{"pad", {{"px", num(9)}, {"mode", word("reflect")}}}},
      {{"pad", {{"px", num(5)}, {"mode", word("edge")}}}},
      {{"resize", {{"size", list({61, 77})}}}},
      {{"resize", {{"size", num(224)}}}},
      {{"resize", {{"size", list({50, 300})}, {"antialias", ArgValue::of_bool(false)}}}},
      {{"resize", {{"size", list({70, 41})}, {"interp", word("nearest")}}}},
      {{"resize", {{"size", list({120, 90})}, {"interp", word("bicubic")}}}},
      {{"resize", {{"size", list({150, 60})}, {"interp", word("bicubic")}, {"antialias", ArgValue::of_bool(false)}}}},
      {{"random_resized_crop", {{"size", num(56)}}}},
      {{"random_resized_crop", {{"size", list({64, 48})}, {"scale", list({0.5, 1.0})}}}},
      {{"rotate", {{"angle", num(30)}}}},
      {{"rotate", {{"angle", num(-90)}, {"fill", list({5, 100, 250})}}}},
      {{"rotate", {{"angle", num(17.5)}, {"interp", word("bilinear")}, {"fill", num(128)}}}},
      {{"rotate", {{"angle", num(45)}, {"expand", ArgValue::of_bool(true)}}}},
      {{"affine", {{"angle", num(10)}, {"translate", list({3, -5})}, {"scale", num(1.2)}, {"shear", list({5, -7})}}}},
      {{"shear_x", {{"amount", num(0.3)}}}},
      {{"shear_y", {{"amount", num(-0.27)}, {"interp", word("bilinear")}}}},
      {{"translate_x", {{"px", num(-13)}}}},
      {{"translate_y", {{"px", num(20)}, {"fill", num(77)}}}},
      {{"perspective", {{"distortion", num(0.5)}}}},
      {{"perspective", {{"distortion", num(0.3)}, {"interp", word("nearest")}}}},
  };
  for (const auto& img : test_images())
    for (std::size_t i = 0; i < cases.size(); ++i) agree(cases[i], img, i);
}

TEST_CASE("fused colour and pixel ops agree with the reference") {
  const std::vector<std::vector<OpSpec>> cases = {
      {{"brightness", {{"factor", num(0.37)}}}},
      {{"brightness", {{"factor", num(1.9)}}}},
      {{"contrast", {{"factor", num(0.5)}}}},
      {{"contrast", {{"factor", num(1.81)}}}},
      {{"saturation", {{"factor", num(0.2)}}}},
      {{"saturation", {{"factor", num(2.5)}}}},
      {{"hue", {{"shift", num(0.08)}}}},
      {{"hue", {{"shift", num(-0.43)}}}},
      {{"grayscale", {}}},
      {{"invert", {}}},
      {{"posterize", {{"bits", num(3)}}}},
      {{"solarize", {{"threshold", num(100.5)}}}},
      {{"autocontrast", {}}},
      {{"equalize", {}}},
      {{"gamma", {{"g", num(0.6)}, {"gain", num(1.1)}}}},
      {{"sharpness", {{"factor", num(0.1)}}}},
      {{"sharpness", {{"factor", num(1.9)}}}},
      {{"gaussian_blur", {{"kernel", num(5)}, {"sigma", num(1.3)}}}},
      {{"gaussian_blur", {{"kernel", list({3, 9})}, {"sigma", list({0.7, 2.2})}}}},
      {{"cutout", {{"size", num(20)}, {"count", num(3)}, {"fill", list({1, 2, 3})}}}},
      {{"random_erasing", {{"value", num(9)}}}},
      {{"random_erasing", {{"noise", ArgValue::of_bool(true)}}}},
  };
  for (const auto& img : test_images())
    for (std::size_t i = 0; i < cases.size(); ++i) agree(cases[i], img, i + 100);
}

TEST_CASE("fused store ops agree with the reference") {
  const Image img = synthetic(97, 131);
  agree({{"to_float", {}}}, img);
  agree({{"to_float", {}}, {"normalize", kImagenetNormalize}}, img);
  agree({{"to_float", {}}, {"gaussian_noise", {{"std", num(0.1)}}}}, img, 5);
  agree({{"to_float", {}}, {"normalize", kImagenetNormalize}, {"random_erasing", {}}}, img, 6);
  agree({{"to_float", {}}, {"random_erasing", {{"noise", ArgValue::of_bool(true)}}}}, img, 7);
  // An f32 image: to_float is the identity, the store ops still fuse.
  Image f = run_reference(resolve({{"to_float", {}}}, img.shape), img);
  agree({{"to_float", {}}, {"normalize", kImagenetNormalize}, {"cutout", {{"size", num(9)}}}}, f, 8);
}

// --- traces of several ops ---------------------------------------------------------------------------------------

TEST_CASE("fused: random_resized_crop + flip + a table run + to_float + normalize in one kernel") {
  for (const auto& img : test_images())
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
      const std::vector<OpSpec> specs = {{"random_resized_crop", {{"size", num(64)}}},
                                         {"hflip", {}},
                                         {"brightness", {{"factor", num(1.3)}}},
                                         {"posterize", {{"bits", num(5)}}},
                                         {"to_float", {}},
                                         {"normalize", kImagenetNormalize}};
      agree(specs, img, seed, kImagenetStep);
    }
}

TEST_CASE("fused: a colour op before a warp differs from after it where the warp fills, exactly as the reference") {
  const Image img = photo(97, 131, 37, 50);
  const std::vector<OpSpec> before = {{"brightness", {{"factor", num(0.5)}}}, {"rotate", {{"angle", num(33)}}}};
  const std::vector<OpSpec> after = {{"rotate", {{"angle", num(33)}}}, {"brightness", {{"factor", num(0.5)}}}};
  agree(before, img);
  agree(after, img);
  const std::vector<OpSpec> fill_before = {{"invert", {}}, {"rotate", {{"angle", num(33)}, {"fill", num(0)}}}};
  const std::vector<OpSpec> fill_after = {{"rotate", {{"angle", num(33)}, {"fill", num(0)}}}, {"invert", {}}};
  FusedExecutor fused(test_cache());
  const Image a = fused.run(resolve(fill_before, img.shape), img);
  const Image b = fused.run(resolve(fill_after, img.shape), img);
  CHECK(a.at8(0, 0, 0) == 0);    // the corner is filled after the inversion
  CHECK(b.at8(0, 0, 0) == 255);  // ... or inverted with the rest
  agree(fill_before, img);
  agree(fill_after, img);
}

TEST_CASE("fused: equalize and autocontrast after a table run take statistics through it") {
  for (const auto& img : test_images()) {
    agree({{"brightness", {{"factor", num(0.6)}}}, {"equalize", {}}}, img);
    agree({{"posterize", {{"bits", num(4)}}}, {"autocontrast", {}}, {"solarize", {{"threshold", num(90)}}}}, img);
    agree({{"invert", {}}, {"contrast", {{"factor", num(0.4)}}}, {"equalize", {}}}, img);
    agree({{"saturation", {{"factor", num(0.3)}}}, {"equalize", {}}, {"hue", {{"shift", num(0.2)}}}}, img);
  }
}

TEST_CASE("fused: remaps around warps and resamples, fills included") {
  for (const auto& img : test_images()) {
    agree({{"pad", {{"px", num(6)}, {"fill", num(200)}}}, {"rotate", {{"angle", num(-20)}}}, {"hflip", {}}}, img);
    agree({{"vflip", {}},
           {"shear_x", {{"amount", num(0.2)}, {"interp", word("bilinear")}}},
           {"crop", {{"x", num(-4)}, {"y", num(3)}, {"w", num(50)}, {"h", num(40)}}}},
          img);
    agree({{"pad", {{"px", num(3)}, {"mode", word("reflect")}}},
           {"resize", {{"size", list({80, 50})}}},
           {"pad", {{"px", num(2)}, {"fill", num(9)}}},
           {"vflip", {}}},
          img);
    agree({{"center_crop", {{"size", num(90)}}}, {"random_resized_crop", {{"size", num(32)}}}, {"vflip", {}}}, img, 3);
    // Crops at the origin keep every index where it was but shorten the axis: not an identity (a segmentation
    // policy's resize + random_crop with top 0 once came out uncropped).
    agree({{"resize", {{"size", list({150, 120})}}},
           {"crop", {{"x", num(0)}, {"y", num(0)}, {"w", num(64)}, {"h", num(48)}}}},
          img);
    agree({{"crop", {{"x", num(0)}, {"y", num(0)}, {"w", num(60)}, {"h", num(50)}}}, {"rotate", {{"angle", num(25)}}}},
          img);
    agree({{"crop", {{"x", num(0)}, {"y", num(0)}, {"w", num(60)}, {"h", num(50)}}},
           {"rotate", {{"angle", num(25)}, {"interp", word("bilinear")}}}},
          img);
  }
}

TEST_CASE("fused: RandAugment- and ColorJitter-like traces end to end") {
  const std::vector<std::vector<OpSpec>> middles = {
      {{"rotate", {{"angle", num(-12)}, {"fill", num(0)}}}, {"equalize", {}}},
      {{"shear_y", {{"amount", num(0.3)}}}, {"contrast", {{"factor", num(1.9)}}}},
      {{"sharpness", {{"factor", num(0.1)}}}, {"solarize", {{"threshold", num(170)}}}},
      {{"saturation", {{"factor", num(1.6)}}}, {"translate_x", {{"px", num(-9)}}}},
      {{"brightness", {{"factor", num(1.2)}}},
       {"contrast", {{"factor", num(0.7)}}},
       {"saturation", {{"factor", num(1.3)}}},
       {"hue", {{"shift", num(-0.05)}}}},
      {{"hue", {{"shift", num(0.1)}}},
       {"saturation", {{"factor", num(0.8)}}},
       {"contrast", {{"factor", num(1.2)}}},
       {"brightness", {{"factor", num(0.9)}}}},
  };
  for (const auto& img : test_images())
    for (std::size_t m = 0; m < middles.size(); ++m) {
      std::vector<OpSpec> specs = {{"random_resized_crop", {{"size", num(48)}}}, {"hflip", {}}};
      specs.insert(specs.end(), middles[m].begin(), middles[m].end());
      specs.push_back({"to_float", {}});
      specs.push_back({"normalize", kImagenetNormalize});
      agree(specs, img, m, kImagenetStep);
    }
}

// --- compilation -------------------------------------------------------------------------------------------------

TEST_CASE("fused: 1,000 traces with random parameters and the same structures compile nothing after the first") {
  const Image img = synthetic(61, 83);
  FusedExecutor fused(test_cache());
  auto trace = [&](std::uint64_t k) {
    const DrawStream d(k, 0, "params", "0");
    std::vector<OpSpec> specs = {{"random_resized_crop", {{"size", num(32)}}},
                                 {"brightness", {{"factor", num(d.uniform(1, 0.1, 1.9))}}},
                                 {"rotate", {{"angle", num(d.uniform(2, -30, 30))}}},
                                 {"saturation", {{"factor", num(d.uniform(3, 0, 2))}}},
                                 {"to_float", {}},
                                 {"normalize", kImagenetNormalize}};
    if (d.coin(4)) specs.insert(specs.begin() + 1, {"hflip", {}});  // a folded flip changes no structure
    return resolve(specs, img.shape, k);
  };
  fused.run(trace(0), img);
  fused.run(trace(1), img);
  const auto compiled = kernel_compilations();
  for (std::uint64_t k = 2; k < 1000; ++k) fused.run(trace(k), img);
  CHECK(kernel_compilations() == compiled);
  CHECK(fused.counters().reference == 0);
}

TEST_CASE("fused: a kernel outside the catalog compiles once, to disk, and a new cache loads it") {
  const auto dir = std::filesystem::temp_directory_path() / ("auger-fused-disk-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  // Three steps after the input: no catalog member (the executor would run it as a chain of members).
  KernelSpec spec;
  spec.steps = {{StepKind::Invert, false, false}, {StepKind::Invert, false, false}, {StepKind::ToFloat, false, false}};
  REQUIRE_FALSE(in_catalog(spec));
  const Image img = synthetic(40, 50);
  auto run = [&](KernelCache& cache) {
    Image out = Image::make_f32(3, 40, 50);
    HostBuffer<std::uint8_t> in(const_cast<std::uint8_t*>(img.u8.data()), img.w(), img.h(), img.c());
    HostBuffer<float> ob(out.f32.data(), out.w(), out.h(), out.c());
    KernelCall call;
    call.buffer("in", in.raw_buffer());
    call.output(ob.raw_buffer());
    cache.get(spec)->run(call);
    return out;
  };
  const auto before = kernel_compilations();
  KernelCache first_cache(dir.string());
  const Image first = run(first_cache);
  CHECK(kernel_compilations() == before + 1);
  CHECK(list_disk_kernels(dir.string()).size() == 1);
  KernelCache second_cache(dir.string());
  const Image second = run(second_cache);
  CHECK(kernel_compilations() == before + 1);  // loaded from disk, not compiled
  CHECK(first.f32 == second.f32);
  for (std::size_t k = 0; k < img.u8.size(); ++k)
    REQUIRE(first.f32[k] == static_cast<float>(img.u8[k]) / 255.0f);  // invert twice, then x / 255
  std::filesystem::remove_all(dir);
}

TEST_CASE("fused: halide_source prints each kernel's structure and loop nest") {
  const Image img = synthetic(40, 50);
  const auto ops = resolve({{"random_resized_crop", {{"size", num(24)}}}, {"hflip", {}}, {"to_float", {}}}, img.shape);
  const std::string text = halide_source(ops, img.shape);
  CHECK(text.find("structure") != std::string::npos);
  CHECK(text.find("resample") != std::string::npos);
  CHECK(text.find("for") != std::string::npos);
}

TEST_CASE("fused: hue and saturation over a colour cube (every 8th level of r, g, b, greys included)") {
  Image cube = Image::make_u8(3, 32 * 32, 32);
  for (int r = 0; r < 32; ++r)
    for (int g = 0; g < 32; ++g)
      for (int b = 0; b < 32; ++b) {
        const int y = r * 32 + g;
        cube.at8(0, y, b) = static_cast<std::uint8_t>(r * 8 + (r == 31 ? 7 : 0));
        cube.at8(1, y, b) = static_cast<std::uint8_t>(g * 8 + (g == 31 ? 7 : 0));
        cube.at8(2, y, b) = static_cast<std::uint8_t>(b * 8 + (b == 31 ? 7 : 0));
      }
  for (double shift : {-0.5, -0.43, -0.1, -1e-4, 0.0, 1e-4, 0.05, 0.25, 0.5})
    agree({{"hue", {{"shift", num(shift)}}}}, cube);
  for (double factor : {0.0, 0.3, 1.0, 2.7}) agree({{"saturation", {{"factor", num(factor)}}}}, cube);
}
