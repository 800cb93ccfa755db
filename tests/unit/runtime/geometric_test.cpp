// The geometric reference ops (runtime/ops/reference): exact results on tiny images, the shapes resolve()
// computes, and the ops' own draws staying inside torchvision's ranges. Pixel-level agreement with torchvision
// itself is tests/conformance/test_geometric.py.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/ops/image_op.h"
#include "runtime/ops/reference/geometry.h"
#include "runtime/random/draw_stream.h"

using namespace auger::rt;

namespace {

Image u8_image(int c, int h, int w, std::vector<std::uint8_t> values) {
  Image img = Image::make_u8(c, h, w);
  REQUIRE(values.size() == img.u8.size());
  img.u8 = std::move(values);
  return img;
}

const ImageOp& op(const char* name) {
  const ImageOp* found = find_image_op(name);
  REQUIRE_MESSAGE(found != nullptr, name);
  return *found;
}

// resolve() then apply(), as the runtime runs an op.
Image run(const char* name, Image img, Args args, std::uint64_t seed = 0, const char* key = "sample") {
  const auto& o = op(name);
  const auto shape = o.resolve(args, img.shape, auger::rng::DrawStream(seed, 0, key, "0"));
  o.apply(args, img);
  CHECK(img.shape == shape);
  return img;
}

Shape resolve(const char* name, Shape in, Args& args, const char* key = "sample") {
  return op(name).resolve(args, in, auger::rng::DrawStream(0, 0, key, "0"));
}

Args args_of(std::initializer_list<std::pair<const char*, ArgValue>> items) {
  Args a;
  for (const auto& [k, v] : items) a.set(k, v);
  return a;
}

ArgValue num(double v) {
  return ArgValue::num(v, v == static_cast<int>(v));
}
ArgValue list(std::vector<double> v) {
  return ArgValue::of_list(std::move(v));
}

}  // namespace

TEST_CASE("geometric: every op of ops.md §1 has a reference implementation") {
  for (const char* name :
       {"hflip", "vflip", "rotate", "affine", "shear_x", "shear_y", "translate_x", "translate_y", "perspective", "crop",
        "center_crop", "random_crop", "random_resized_crop", "resize", "pad", "elastic"}) {
    const ImageOp* o = find_image_op(name);
    REQUIRE_MESSAGE(o != nullptr, name);
    CHECK(static_cast<bool>(o->resolve));
    CHECK(static_cast<bool>(o->apply));
  }
}

TEST_CASE("geometric: hflip and vflip of a 2x3 image") {
  const Image img = u8_image(1, 2, 3, {1, 2, 3, 4, 5, 6});
  CHECK(run("hflip", img, {}).u8 == std::vector<std::uint8_t>{3, 2, 1, 6, 5, 4});
  CHECK(run("vflip", img, {}).u8 == std::vector<std::uint8_t>{4, 5, 6, 1, 2, 3});
  Image f = Image::make_f32(2, 1, 2);
  f.f32 = {0.25f, 0.5f, 1.0f, 2.0f};
  CHECK(run("hflip", f, {}).f32 == std::vector<float>{0.5f, 0.25f, 2.0f, 1.0f});
}

TEST_CASE("geometric: rotate by 90 degrees with nearest sampling moves pixels exactly") {
  // Counter-clockwise: the top row becomes the left column, read bottom-up.
  const Image img = u8_image(1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(run("rotate", img, args_of({{"angle", num(90)}})).u8 == std::vector<std::uint8_t>{3, 6, 9, 2, 5, 8, 1, 4, 7});
  CHECK(run("rotate", img, args_of({{"angle", num(180)}})).u8 == std::vector<std::uint8_t>{9, 8, 7, 6, 5, 4, 3, 2, 1});
  // expand on a 2x4 image: the canvas becomes 4x2.
  const Image wide = u8_image(1, 2, 4, {1, 2, 3, 4, 5, 6, 7, 8});
  const Image turned = run("rotate", wide, args_of({{"angle", num(-90)}, {"expand", ArgValue::of_bool(true)}}));
  CHECK(turned.shape == Shape{1, 4, 2, Elem::U8});
  CHECK(turned.u8 == std::vector<std::uint8_t>{5, 1, 6, 2, 7, 3, 8, 4});
}

TEST_CASE("geometric: translate_x shifts by whole pixels and fills per channel") {
  const Image img = u8_image(2, 1, 4, {1, 2, 3, 4, 10, 20, 30, 40});
  const Image out = run("translate_x", img, args_of({{"px", num(1.9)}, {"fill", list({7, 8})}}));
  CHECK(out.u8 == std::vector<std::uint8_t>{7, 1, 2, 3, 8, 10, 20, 30});
  Args a = args_of({{"px", num(0.5)}});
  a.set("px", [] {
    ArgValue v = ArgValue::num(0.5);
    v.fraction = true;  // 50% of the width
    return v;
  }());
  resolve("translate_x", img.shape, a);
  CHECK(a.get("px").number == 2);
  CHECK_FALSE(a.get("px").fraction);
}

TEST_CASE("geometric: crop zero-fills outside the image and pad follows torch's modes") {
  const Image row = u8_image(1, 1, 4, {1, 2, 3, 4});
  CHECK(run("crop", row, args_of({{"x", num(-1)}, {"y", num(0)}, {"w", num(3)}, {"h", num(2)}})).u8 ==
        std::vector<std::uint8_t>{0, 1, 2, 0, 0, 0});
  auto padded = [&](const char* mode) {
    Image out = run("pad", row, args_of({{"px", num(2)}, {"mode", ArgValue::of_enum(mode)}, {"fill", num(9)}}));
    CHECK(out.shape == Shape{1, 5, 8, Elem::U8});
    return std::vector<std::uint8_t>(out.u8.begin() + 16, out.u8.begin() + 24);  // the original row
  };
  CHECK(padded("constant") == std::vector<std::uint8_t>{9, 9, 1, 2, 3, 4, 9, 9});
  CHECK(padded("reflect") == std::vector<std::uint8_t>{3, 2, 1, 2, 3, 4, 3, 2});
  CHECK(padded("edge") == std::vector<std::uint8_t>{1, 1, 1, 2, 3, 4, 4, 4});
  // Reflection wider than the image keeps mirroring (torch refuses).
  Image tiny = u8_image(1, 1, 2, {5, 6});
  geo::pad(tiny, 3, 0, 3, 0, geo::PadMode::Reflect, {});
  CHECK(tiny.u8 == std::vector<std::uint8_t>{6, 5, 6, 5, 6, 5, 6, 5});
}

TEST_CASE("geometric: resolve computes torchvision's output shapes") {
  const Shape in{3, 300, 451, Elem::U8};
  auto shape_of = [&](const char* name, Args a) { return resolve(name, in, a); };
  // An int size resizes the shorter side; the other is int(size * long / short).
  CHECK(shape_of("resize", args_of({{"size", num(224)}})) == Shape{3, 224, 336, Elem::U8});
  CHECK(shape_of("resize", args_of({{"size", list({100, 50})}})) == Shape{3, 100, 50, Elem::U8});
  CHECK(shape_of("resize", args_of({{"shorter", num(200)}, {"longer", num(250)}})) == Shape{3, 166, 250, Elem::U8});
  CHECK(shape_of("resize", args_of({{"longer", num(100)}})) == Shape{3, 66, 100, Elem::U8});
  CHECK(shape_of("center_crop", args_of({{"size", num(500)}})) == Shape{3, 500, 500, Elem::U8});
  CHECK(shape_of("center_crop", args_of({{"size", list({10, 20})}})) == Shape{3, 10, 20, Elem::U8});
  CHECK(shape_of("random_crop", args_of({{"size", num(320)}, {"padding", num(4)}})) == Shape{3, 320, 320, Elem::U8});
  CHECK(shape_of("random_resized_crop", args_of({{"size", num(224)}})) == Shape{3, 224, 224, Elem::U8});
  CHECK(shape_of("pad", args_of({{"px", num(5)}})) == Shape{3, 310, 461, Elem::U8});
  CHECK(shape_of("crop", args_of({{"x", num(-5)}, {"y", num(3)}, {"w", num(7)}, {"h", num(9)}})) ==
        Shape{3, 9, 7, Elem::U8});
  // torchvision's float32 corner arithmetic makes a quarter turn of 300 x 451 one pixel larger each way.
  CHECK(shape_of("rotate", args_of({{"angle", num(90)}, {"expand", ArgValue::of_bool(true)}})) ==
        Shape{3, 452, 301, Elem::U8});
  CHECK(shape_of("rotate", args_of({{"angle", num(45)}})) == in);
  Shape f = in;
  f.elem = Elem::F32;
  Args a = args_of({{"size", num(64)}});
  CHECK(resolve("resize", f, a).elem == Elem::F32);
}

TEST_CASE("geometric: random ops draw inside torchvision's ranges, deterministically per stream") {
  const Shape in{3, 97, 131, Elem::U8};
  std::set<std::vector<double>> distinct;
  for (int i = 0; i < 300; ++i) {
    std::string key = "k";
    key += std::to_string(i);
    Args rrc = args_of({{"size", num(32)}});
    resolve("random_resized_crop", in, rrc, key.c_str());
    const int top = rrc.integer("top"), left = rrc.integer("left"), h = rrc.integer("height"), w = rrc.integer("width");
    CHECK((h > 0 && w > 0 && top >= 0 && left >= 0 && top + h <= in.h && left + w <= in.w));
    distinct.insert({double(top), double(left), double(h), double(w)});
    Args again = args_of({{"size", num(32)}});
    resolve("random_resized_crop", in, again, key.c_str());
    CHECK(again.integer("top") == top);
    CHECK(again.integer("width") == w);

    Args crop = args_of({{"size", list({90, 140})}, {"padding", num(2)}});
    resolve("random_crop", in, crop, key.c_str());
    // Padded to 101 x 135, then pad_if_needed widens to 145: top in [0, 11], left in [0, 5].
    CHECK((crop.integer("top") >= 0 && crop.integer("top") <= 11));
    CHECK((crop.integer("left") >= 0 && crop.integer("left") <= 5));

    Args persp = args_of({{"distortion", num(0.5)}});
    resolve("perspective", in, persp, key.c_str());
    const auto e = persp.list("endpoints");
    REQUIRE(e.size() == 8);
    const int dx = 32, dy = 24;  // int(0.5 * (131 // 2)), int(0.5 * (97 // 2))
    CHECK((e[0] >= 0 && e[0] <= dx && e[1] >= 0 && e[1] <= dy));
    CHECK((e[2] >= 130 - dx && e[2] <= 130 && e[3] >= 0 && e[3] <= dy));
    CHECK((e[4] >= 130 - dx && e[4] <= 130 && e[5] >= 96 - dy && e[5] <= 96));
    CHECK((e[6] >= 0 && e[6] <= dx && e[7] >= 96 - dy && e[7] <= 96));
  }
  CHECK(distinct.size() > 250);
}

TEST_CASE("geometric: resize to the same size is the identity; nearest doubling repeats pixels") {
  const Image img = u8_image(1, 2, 2, {1, 2, 3, 4});
  CHECK(run("resize", img, args_of({{"size", list({2, 2})}})).u8 == img.u8);
  const Image up = run("resize", img, args_of({{"size", list({4, 4})}, {"interp", ArgValue::of_enum("nearest")}}));
  CHECK(up.u8 == std::vector<std::uint8_t>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
  // Bilinear halving of a constant image stays constant, antialiased or not.
  const Image flat = Image::make_u8(3, 7, 9, 200);
  for (bool aa : {false, true}) {
    const Image half = run("resize", flat, args_of({{"size", list({3, 4})}, {"antialias", ArgValue::of_bool(aa)}}));
    CHECK(half.u8 == std::vector<std::uint8_t>(3 * 3 * 4, 200));
  }
}

TEST_CASE("geometric: elastic with alpha 0 and a perspective onto its own corners keep a u8 image") {
  Image img = Image::make_u8(3, 11, 13);
  for (std::size_t i = 0; i < img.u8.size(); ++i) img.u8[i] = static_cast<std::uint8_t>(i * 7);
  CHECK(run("elastic", img, args_of({{"alpha", num(0)}, {"sigma", num(3)}}), 5).u8 == img.u8);
  Args same =
      args_of({{"startpoints", list({0, 0, 12, 0, 12, 10, 0, 10})}, {"endpoints", list({0, 0, 12, 0, 12, 10, 0, 10})}});
  CHECK(run("perspective", img, same).u8 == img.u8);
  const auto c = geo::perspective_coeffs({0, 0, 12, 0, 12, 10, 0, 10}, {0, 0, 12, 0, 12, 10, 0, 10});
  CHECK(c[0] == doctest::Approx(1).epsilon(1e-6));
  CHECK(c[4] == doctest::Approx(1).epsilon(1e-6));
  CHECK(c[6] == doctest::Approx(0).epsilon(1e-6));
}

TEST_CASE("geometric: the elastic noise is a pure function of the seed") {
  std::vector<float> dx1, dy1, dx2, dy2, dx3, dy3;
  geo::elastic_noise(5, 4, 42, dx1, dy1);
  geo::elastic_noise(5, 4, 42, dx2, dy2);
  geo::elastic_noise(5, 4, 43, dx3, dy3);
  CHECK(dx1 == dx2);
  CHECK(dy1 == dy2);
  CHECK(dx1 != dx3);
  for (float v : dx1) CHECK((v >= -1.0f && v < 1.0f));
}

TEST_CASE("geometric: bad arguments are reported, not undefined") {
  const Image img = Image::make_u8(3, 4, 4);
  Args bicubic_warp = args_of({{"angle", num(10)}, {"interp", ArgValue::of_enum("bicubic")}});
  CHECK_THROWS_AS(resolve("rotate", img.shape, bicubic_warp), std::invalid_argument);
  Args no_size;
  CHECK_THROWS_AS(resolve("resize", img.shape, no_size), std::invalid_argument);
  Args bad_fill = args_of({{"angle", num(10)}, {"fill", list({1, 2})}});
  Image copy = img;
  CHECK_THROWS_AS(op("rotate").apply(bad_fill, copy), std::invalid_argument);
  Args bad_ratio = args_of({{"size", num(3)}, {"ratio", list({2, 1})}});
  CHECK_THROWS_AS(resolve("random_resized_crop", img.shape, bad_ratio), std::invalid_argument);
}
