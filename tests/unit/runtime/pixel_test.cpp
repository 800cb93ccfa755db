// The colour, pixel and batch reference ops (ops.md §2–3) on small images whose results are known exactly: the
// u8 values were produced by torchvision 0.14 (tensor backend), the random ops are checked against their formulas.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/ops/image_op.h"

using namespace auger::rt;
using auger::rng::DrawStream;

namespace {

using U8 = std::vector<std::uint8_t>;

Image u8_image(int c, int h, int w, const U8& values) {
  Image img = Image::make_u8(c, h, w);
  REQUIRE(values.size() == img.u8.size());
  img.u8 = values;
  return img;
}

// Resolves and applies one op as `auger apply` does, with the draws of (seed, key).
Image run(const std::string& op_name, Image img, Args args = {}, std::uint64_t seed = 0, const std::string& key = "s",
          Args* resolved = nullptr) {
  const ImageOp* op = find_image_op(op_name);
  REQUIRE_MESSAGE(op != nullptr, op_name);
  const DrawStream draws(seed, 0, key, "0");
  const Shape out = op->resolve(args, img.shape, draws);
  op->apply(args, img);
  CHECK(img.shape == out);
  if (resolved) *resolved = args;
  return img;
}

Args with(std::initializer_list<std::pair<const char*, ArgValue>> items) {
  Args a;
  for (const auto& [k, v] : items) a.set(k, v);
  return a;
}

// A 3x1x4 RGB strip: white, two colours, black.
Image strip() {
  return u8_image(3, 1, 4, {255, 100, 0, 37, 255, 50, 0, 201, 255, 200, 0, 90});
}

}  // namespace

TEST_CASE("grayscale truncates 0.2989 R + 0.587 G + 0.114 B (white becomes 254)") {
  CHECK(run("grayscale", strip(), with({{"channels", ArgValue::num(1, true)}})).u8 == U8{254, 82, 0, 139});
  const Image three = run("grayscale", strip());
  CHECK(three.c() == 3);
  CHECK(three.u8 == U8{254, 82, 0, 139, 254, 82, 0, 139, 254, 82, 0, 139});
  // A 1-channel image stays 1-channel, as torchvision's expand to the input shape.
  CHECK(run("grayscale", u8_image(1, 1, 2, {7, 9})).u8 == U8{7, 9});
}

TEST_CASE("brightness, contrast and saturation blend in f32 and truncate") {
  CHECK(run("brightness", strip(), with({{"factor", ArgValue::num(1.5)}})).u8 ==
        U8{255, 150, 0, 55, 255, 75, 0, 255, 255, 255, 0, 135});
  CHECK(run("brightness", strip(), with({{"factor", ArgValue::num(0.3)}})).u8 ==
        U8{76, 30, 0, 11, 76, 15, 0, 60, 76, 60, 0, 27});
  CHECK(run("contrast", strip(), with({{"factor", ArgValue::num(0.5)}})).u8 ==
        U8{186, 109, 59, 77, 186, 84, 59, 159, 186, 159, 59, 104});
  CHECK(run("saturation", strip(), with({{"factor", ArgValue::num(2.0)}})).u8 ==
        U8{255, 118, 0, 0, 255, 18, 0, 255, 255, 255, 0, 41});
  // factor 1 is the identity.
  CHECK(run("contrast", strip(), with({{"factor", ArgValue::num(1.0)}})).u8 == strip().u8);
}

TEST_CASE("hue rotates through torchvision's HSV round trip, which is not exact even at shift 0") {
  CHECK(run("hue", u8_image(3, 1, 1, {255, 0, 0}), with({{"shift", ArgValue::num(0.5)}})).u8 == U8{0, 255, 255});
  CHECK(run("hue", strip(), with({{"shift", ArgValue::num(1.0 / 3)}})).u8 ==
        U8{255, 200, 0, 89, 255, 100, 0, 36, 255, 50, 0, 201});
  CHECK(run("hue", strip(), with({{"shift", ArgValue::num(0.0)}})).u8 ==
        U8{255, 100, 0, 36, 255, 50, 0, 201, 255, 200, 0, 89});
  CHECK_THROWS_AS(run("hue", strip(), with({{"shift", ArgValue::num(0.7)}})), std::invalid_argument);
}

TEST_CASE("gamma converts back with 255.999 and truncation") {
  CHECK(run("gamma", strip(), with({{"g", ArgValue::num(2.2)}})).u8 ==
        U8{255, 32, 0, 3, 255, 7, 0, 151, 255, 150, 0, 25});
  CHECK(run("gamma", strip(), with({{"g", ArgValue::num(0.5)}, {"gain", ArgValue::num(1.2)}})).u8 ==
        U8{255, 192, 0, 117, 255, 136, 0, 255, 255, 255, 0, 182});
}

TEST_CASE("invert, posterize and solarize per value") {
  const Image ramp = u8_image(1, 1, 6, {0, 1, 127, 128, 200, 255});
  CHECK(run("invert", ramp).u8 == U8{255, 254, 128, 127, 55, 0});
  CHECK(run("posterize", ramp, with({{"bits", ArgValue::num(3, true)}})).u8 == U8{0, 0, 96, 128, 192, 224});
  CHECK(run("posterize", ramp, with({{"bits", ArgValue::num(8, true)}})).u8 == ramp.u8);
  // torchvision compares img >= threshold.
  CHECK(run("solarize", ramp, with({{"threshold", ArgValue::num(128)}})).u8 == U8{0, 1, 127, 127, 55, 0});
  CHECK(run("solarize", ramp, with({{"threshold", ArgValue::num(127.5)}})).u8 == U8{0, 1, 127, 127, 55, 0});
  CHECK(run("solarize", ramp, with({{"threshold", ArgValue::num(0)}})).u8 == run("invert", ramp).u8);
}

TEST_CASE("autocontrast scales by reciprocal() * 255 and truncates") {
  CHECK(run("autocontrast", u8_image(1, 1, 3, {50, 100, 150})).u8 == U8{0, 127, 255});
  CHECK(run("autocontrast", u8_image(1, 1, 4, {3, 7, 200, 13})).u8 == U8{0, 5, 254, 12});
  CHECK(run("autocontrast", u8_image(1, 1, 3, {9, 9, 9})).u8 == U8{9, 9, 9});  // a flat channel is kept
}

TEST_CASE("equalize follows _scale_channel's integer lut") {
  // 510 zeros, 510 tens, 5 twenties: step = 1020 // 255 = 4, lut[10] = (510 + 2) // 4 = 128, lut[20] = 255.
  U8 values(1025, 0);
  for (int i = 510; i < 1020; ++i) values[static_cast<std::size_t>(i)] = 10;
  for (int i = 1020; i < 1025; ++i) values[static_cast<std::size_t>(i)] = 20;
  const Image out = run("equalize", u8_image(1, 25, 41, values));
  CHECK(out.u8[0] == 0);
  CHECK(out.u8[600] == 128);
  CHECK(out.u8[1024] == 255);
  // Three pixels: step 0, the channel is unchanged.
  CHECK(run("equalize", u8_image(1, 1, 3, {0, 10, 20})).u8 == U8{0, 10, 20});
  CHECK_THROWS_AS(run("equalize", Image::make_f32(1, 2, 2)), std::invalid_argument);
}

TEST_CASE("sharpness blends with the 13-weight kernel's rounded interior") {
  const Image img = u8_image(1, 3, 3, {10, 20, 30, 40, 250, 60, 70, 80, 90});
  CHECK(run("sharpness", img, with({{"factor", ArgValue::num(0.0)}})).u8 == U8{10, 20, 30, 40, 127, 60, 70, 80, 90});
  CHECK(run("sharpness", img, with({{"factor", ArgValue::num(2.0)}})).u8 == U8{10, 20, 30, 40, 255, 60, 70, 80, 90});
  // Too small to have an interior: unchanged.
  CHECK(run("sharpness", u8_image(1, 2, 2, {1, 2, 3, 4}), with({{"factor", ArgValue::num(0.0)}})).u8 == U8{1, 2, 3, 4});
}

TEST_CASE("gaussian_blur spreads an impulse like torchvision's kernel with reflect padding") {
  U8 impulse(25, 0);
  impulse[12] = 255;
  CHECK(run("gaussian_blur", u8_image(1, 5, 5, impulse),
            with({{"kernel", ArgValue::num(3, true)}, {"sigma", ArgValue::num(1.0)}}))
            .u8 == U8{0, 0, 0, 0, 0, 0, 19, 32, 19, 0, 0, 32, 52, 32, 0, 0, 19, 32, 19, 0, 0, 0, 0, 0, 0});
  CHECK(run("gaussian_blur", u8_image(1, 5, 5, impulse),
            with({{"kernel", ArgValue::num(5, true)}, {"sigma", ArgValue::num(1.0)}}))
            .u8 == U8{3, 7, 11, 7, 3, 7, 15, 25, 15, 7, 11, 25, 41, 25, 11, 7, 15, 25, 15, 7, 3, 7, 11, 7, 3});
  CHECK_THROWS_AS(run("gaussian_blur", u8_image(1, 5, 5, impulse),
                      with({{"kernel", ArgValue::num(4, true)}, {"sigma", ArgValue::num(1.0)}})),
                  std::invalid_argument);
}

TEST_CASE("to_float divides by 255 in f32; normalize subtracts and divides per channel") {
  const Image f = run("to_float", u8_image(1, 1, 4, {0, 1, 128, 255}));
  REQUIRE(f.shape.elem == Elem::F32);
  CHECK(f.f32 == std::vector<float>{0.0f, 1.0f / 255.0f, 128.0f / 255.0f, 1.0f});
  Image two = Image::make_f32(2, 1, 2);
  two.f32 = {0.5f, 1.0f, 0.25f, 0.0f};
  const Image n =
      run("normalize", two, with({{"mean", ArgValue::of_list({0.5, 0.25})}, {"std", ArgValue::of_list({0.5, 0.125})}}));
  CHECK(n.f32 == std::vector<float>{0.0f, 1.0f, 0.0f, -2.0f});
  CHECK_THROWS_AS(run("normalize", strip(), with({{"mean", ArgValue::num(0)}, {"std", ArgValue::num(1)}})),
                  std::invalid_argument);
}

TEST_CASE("cutout draws centres inside the image and paints clipped square holes") {
  Args resolved;
  run("cutout", Image::make_u8(3, 10, 20, 9),
      with({{"size", ArgValue::num(4, true)}, {"count", ArgValue::num(5, true)}}), 3, "k", &resolved);
  const auto centers = resolved.list("centers");
  REQUIRE(centers.size() == 10);
  for (std::size_t k = 0; k < centers.size(); k += 2) {
    CHECK(centers[k] >= 0);
    CHECK(centers[k] < 10);
    CHECK(centers[k + 1] >= 0);
    CHECK(centers[k + 1] < 20);
  }
  // A pinned centre at the corner overhangs: rows [0, 2) and columns [0, 2) of a size-5 hole (5 // 2 = 2).
  const Image out =
      run("cutout", Image::make_u8(1, 4, 4, 9),
          with({{"size", ArgValue::num(5, true)}, {"fill", ArgValue::num(1)}, {"centers", ArgValue::of_list({0, 0})}}));
  CHECK(out.u8 == U8{1, 1, 9, 9, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
}

TEST_CASE("random_erasing draws a rectangle strictly inside the image, or erases nothing") {
  for (int seed = 0; seed < 50; ++seed) {
    Args r;
    const Image out = run("random_erasing", Image::make_u8(3, 30, 40, 7), with({{"value", ArgValue::num(200)}}),
                          static_cast<std::uint64_t>(seed), "e", &r);
    REQUIRE(r.flag("erased"));
    const int t = r.integer("top"), l = r.integer("left"), h = r.integer("height"), w = r.integer("width");
    CHECK(h < 30);
    CHECK(w < 40);
    CHECK(t + h <= 30);
    CHECK(l + w <= 40);
    int painted = 0;
    for (auto v : out.u8) painted += v == 200;
    CHECK(painted == 3 * h * w);
  }
  Args r;
  const Image kept =
      run("random_erasing", Image::make_u8(1, 8, 8, 7),
          with({{"scale", ArgValue::of_list({0.99, 1.0})}, {"ratio", ArgValue::of_list({1, 1})}}), 0, "e", &r);
  CHECK_FALSE(r.flag("erased"));
  CHECK(r.integer("height") == 8);
  CHECK(kept.u8 == U8(64, 7));
}

TEST_CASE("gaussian_noise is a function of its resolved seed") {
  Image img = Image::make_f32(1, 20, 20, 0.5f);
  Args a, b;
  const Image x = run("gaussian_noise", img, with({{"std", ArgValue::num(0.1)}}), 1, "a", &a);
  const Image y = run("gaussian_noise", img, with({{"std", ArgValue::num(0.1)}}), 1, "a", &b);
  CHECK(a.number("seed") == b.number("seed"));
  CHECK(x.f32 == y.f32);
  const Image z = run("gaussian_noise", img, with({{"std", ArgValue::num(0.1)}}), 1, "b");
  CHECK(x.f32 != z.f32);
  CHECK(run("gaussian_noise", img, with({{"std", ArgValue::num(0.0)}})).f32 == img.f32);
  CHECK_THROWS_AS(run("gaussian_noise", strip(), with({{"std", ArgValue::num(0.1)}})), std::invalid_argument);
}

// --- batch ops ----------------------------------------------------------------------------------------------------

namespace {

std::vector<Image> constant_batch(int n, int c, int h, int w, bool f32 = false) {
  std::vector<Image> batch;
  for (int i = 0; i < n; ++i)
    batch.push_back(f32 ? Image::make_f32(c, h, w, static_cast<float>(10 * (i + 1)))
                        : Image::make_u8(c, h, w, static_cast<std::uint8_t>(10 * (i + 1))));
  return batch;
}

Args resolve_batch(const std::string& name, Args args, const Shape& s, int n, std::uint64_t seed) {
  const BatchOp* op = find_batch_op(name);
  REQUIRE(op != nullptr);
  op->resolve(args, s, n, DrawStream(seed, 0, "batch", "0"));
  return args;
}

}  // namespace

TEST_CASE("mixup mixes sample i with sample B-1-i, rounding u8 half to even") {
  const BatchOp* op = find_batch_op("mixup");
  REQUIRE(op != nullptr);
  std::vector<Image> batch = {u8_image(1, 1, 3, {1, 2, 100}), u8_image(1, 1, 3, {2, 3, 200})};
  op->apply(with({{"lambda", ArgValue::num(0.5)}}), batch);
  CHECK(batch[0].u8 == U8{2, 2, 150});  // 1.5 -> 2, 2.5 -> 2
  CHECK(batch[1].u8 == U8{2, 2, 150});
  // The soft-label weights sum to one: image i is lambda * own + (1 - lambda) * partner.
  auto f = constant_batch(3, 2, 2, 2, true);
  op->apply(with({{"lambda", ArgValue::num(0.25)}}), f);
  CHECK(f[0].f32[0] == doctest::Approx(0.25 * 10 + 0.75 * 30));
  CHECK(f[1].f32[0] == doctest::Approx(20));  // the middle of an odd batch mixes with itself
  CHECK(f[2].f32[0] == doctest::Approx(0.25 * 30 + 0.75 * 10));
  std::vector<Image> mismatched = {Image::make_u8(1, 2, 2), Image::make_u8(1, 2, 3)};
  CHECK_THROWS_AS(op->apply(with({{"lambda", ArgValue::num(0.5)}}), mismatched), std::invalid_argument);
}

TEST_CASE("mixup's lambda follows Beta(alpha, alpha)") {
  const Shape s{3, 8, 8, Elem::U8};
  CHECK(resolve_batch("mixup", with({{"alpha", ArgValue::num(0)}}), s, 4, 1).number("lambda") == 1.0);
  for (double alpha : {0.2, 1.0, 4.0}) {
    const int n = 20000;
    double sum = 0, sum2 = 0;
    std::vector<int> bins(10, 0);
    for (int seed = 0; seed < n; ++seed) {
      const double l =
          resolve_batch("mixup", with({{"alpha", ArgValue::num(alpha)}}), s, 4, static_cast<std::uint64_t>(seed))
              .number("lambda");
      REQUIRE(l >= 0);
      REQUIRE(l <= 1);
      sum += l;
      sum2 += l * l;
      ++bins[static_cast<std::size_t>(std::min(9, static_cast<int>(l * 10)))];
    }
    const double mean = sum / n, var = sum2 / n - mean * mean;
    CAPTURE(alpha);
    CHECK(mean == doctest::Approx(0.5).epsilon(0.02));
    CHECK(var == doctest::Approx(1.0 / (4.0 * (2.0 * alpha + 1.0))).epsilon(0.03));
    if (alpha == 1.0) {  // Beta(1, 1) is uniform
      double x2 = 0;
      for (int b : bins) x2 += (b - n / 10.0) * (b - n / 10.0) / (n / 10.0);
      CHECK(x2 < 27.9);  // chi-square, 9 degrees of freedom, p = 0.001
    }
  }
}

TEST_CASE("cutmix pastes the partner's box and corrects lambda to the pasted area") {
  const Shape s{1, 30, 50, Elem::U8};
  for (int seed = 0; seed < 200; ++seed) {
    const Args a =
        resolve_batch("cutmix", with({{"alpha", ArgValue::num(1.0)}}), s, 4, static_cast<std::uint64_t>(seed));
    const int t = a.integer("top"), l = a.integer("left"), h = a.integer("height"), w = a.integer("width");
    REQUIRE(t >= 0);
    REQUIRE(l >= 0);
    REQUIRE(t + h <= 30);
    REQUIRE(l + w <= 50);
    CHECK(a.number("lambda") == doctest::Approx(1.0 - h * w / 1500.0));
    auto batch = constant_batch(4, 1, 30, 50);
    find_batch_op("cutmix")->apply(a, batch);
    for (int i = 0; i < 4; ++i) {
      // The fraction of the image still its own is lambda; the rest is the partner's.
      int own = 0, partner = 0;
      for (auto v : batch[static_cast<std::size_t>(i)].u8) {
        own += v == 10 * (i + 1);
        partner += v == 10 * (4 - i);
      }
      CHECK(own + partner == 1500);
      CHECK(own / 1500.0 == doctest::Approx(a.number("lambda")));
    }
  }
  // The box follows timm's rand_bbox: sides int(side * sqrt(1 - lambda)), halved around the centre.
  const Args pinned = resolve_batch("cutmix", with({{"alpha", ArgValue::num(0)}}), s, 2, 0);
  CHECK(pinned.number("lambda") == 1.0);
  CHECK(pinned.integer("height") == 0);
}
