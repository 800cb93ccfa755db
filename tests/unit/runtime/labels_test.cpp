// The label transforms (runtime/labels): each geometric op's forward map against the pixels the reference op
// moves, box formats and dropping with aligned fields, keypoint flip pairs and occlusion, the masks' ignore fill.
// The random-policy property test over painted markers is tests/labels/test_label_properties.py.
#include "runtime/labels/labels.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/ops/image_op.h"
#include "runtime/ops/op_geometry.h"
#include "runtime/random/draw_stream.h"

using namespace auger::rt;
using nlohmann::json;

namespace {

ArgValue num(double v) {
  return ArgValue::num(v);
}
ArgValue list(std::vector<double> v) {
  return ArgValue::of_list(std::move(v));
}

AppliedOp resolved(const std::string& name, Args args, const Shape& in, std::uint64_t seed = 1) {
  find_image_op(name)->resolve(args, in, auger::rng::DrawStream(seed, 0, "k", "0"));
  return AppliedOp{"0", name, args, {"image"}};
}

// The intensity-weighted centre of a one-channel f32 picture (bilinear warps spread a marker over its neighbours).
std::array<double, 3> centroid(const Image& img) {
  double sx = 0, sy = 0, s = 0;
  for (int y = 0; y < img.h(); ++y)
    for (int x = 0; x < img.w(); ++x) {
      const double v = img.is_u8() ? img.at8(0, y, x) : img.atf(0, y, x);
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
      s += v;
    }
  return {s > 0 ? sx / s : -1, s > 0 ? sy / s : -1, s};
}

struct Case {
  std::string op;
  Args args;
};

labels::FieldSpec field(std::string name, std::string kind) {
  labels::FieldSpec f;
  f.name = std::move(name);
  f.kind = std::move(kind);
  return f;
}

std::vector<Case> geometric_cases() {
  auto a = [](std::initializer_list<std::pair<const char*, ArgValue>> kv) {
    Args args;
    for (const auto& [k, v] : kv) args.set(k, v);
    return args;
  };
  const auto bil = ArgValue::of_enum("bilinear");
  return {
      {"hflip", {}},
      {"vflip", {}},
      {"rotate", a({{"angle", num(30)}, {"interp", bil}})},
      {"rotate", a({{"angle", num(-50)}, {"interp", bil}, {"expand", ArgValue::of_bool(true)}})},
      {"affine", a({{"angle", num(12)},
                    {"translate", list({5, -3})},
                    {"scale", num(1.2)},
                    {"shear", list({10, 4})},
                    {"interp", bil}})},
      {"shear_x", a({{"amount", num(0.3)}, {"interp", bil}})},
      {"shear_y", a({{"amount", num(-0.2)}, {"interp", bil}})},
      {"translate_x", a({{"px", num(7)}})},
      {"translate_y", a({{"px", num(-4)}})},
      {"perspective", a({{"distortion", num(0.4)}})},
      {"crop", a({{"x", num(6)}, {"y", num(4)}, {"w", num(40)}, {"h", num(30)}})},
      {"center_crop", a({{"size", list({30, 50})}})},
      {"center_crop", a({{"size", list({60, 70})}})},
      {"random_crop", a({{"size", list({36, 40})}, {"padding", num(3)}})},
      {"random_resized_crop", a({{"size", list({40, 30})}, {"scale", list({0.5, 1.0})}})},
      {"resize", a({{"size", list({70, 90})}})},
      {"pad", a({{"px", num(5)}, {"mode", ArgValue::of_enum("reflect")}})},
  };
}

}  // namespace

TEST_CASE("labels: every geometric op's forward map lands on the marker the op moved") {
  const Shape in{1, 48, 64, Elem::F32};
  const std::vector<std::array<double, 2>> markers = {{20.5, 16.5}, {40.5, 30.5}, {30.5, 24.5}};
  for (auto& c : geometric_cases()) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      const AppliedOp applied = resolved(c.op, c.args, in, seed);
      const auto g = op_geometry(applied.op, applied.args, in);
      REQUIRE(g.has_value());
      for (const auto& m : markers) {
        Image img = Image::make_f32(1, in.h, in.w);
        img.atf(0, static_cast<int>(m[1]), static_cast<int>(m[0])) = 1.0f;
        find_image_op(c.op)->apply(applied.args, img);
        CHECK(img.shape.h == g->out.h);
        CHECK(img.shape.w == g->out.w);
        const auto got = centroid(img);
        const auto want = map_point(g->forward, m[0], m[1]);
        // A marker a crop window cut away, or one at the frame's edge (partly cut, its centroid pulled inwards).
        const bool interior = want[0] > 1.5 && want[1] > 1.5 && want[0] < g->out.w - 1.5 && want[1] < g->out.h - 1.5;
        if (!interior) continue;
        REQUIRE(got[2] > 0.05);
        INFO(c.op << " seed " << seed << " marker (" << m[0] << ", " << m[1] << ") → want (" << want[0] << ", "
                  << want[1] << ") got (" << got[0] << ", " << got[1] << ")");
        CHECK(std::hypot(got[0] - want[0], got[1] - want[1]) < 1.0);
      }
    }
  }
}

TEST_CASE("labels: boxes in every format, clipped and dropped with their aligned fields") {
  labels::LabelSchema schema;
  schema.fields = {field("image", "image"), field("boxes", "boxes"), field("classes", "class"),
                   field("kp", "keypoints")};
  schema.fields[1].box_format = "xywh";
  schema.fields[2].list = true;
  schema.fields[3].keypoints = 2;
  schema.fields[3].flip_pairs = {{0, 1}};
  json fields = {{"boxes", {{5, 10, 20, 10}, {40, 30, 20, 10}}},
                 {"classes", {1, 2}},
                 {"kp", {{{6.5, 11.5, 2}, {23.5, 18.5, 2}}, {{41, 31, 1}, {59, 39, 2}}}}};
  std::map<std::string, Image> masks;
  Args crop;
  crop.set("x", num(10));
  crop.set("y", num(5));
  crop.set("w", num(40));
  crop.set("h", num(30));
  crop.set("min_visibility", num(0.5));
  Args none;
  Trace trace{{{"0", "crop", crop, {"image"}}, {"1", "hflip", none, {"image"}}}};
  labels::transform(trace, schema, "image", Shape{3, 48, 64, Elem::U8}, fields, masks);
  // Box 2 keeps 25% of its area in the window (< 0.5): dropped with its class and keypoints.
  CHECK(fields["boxes"] == json({{25, 5, 15, 10}}));
  CHECK(fields["classes"] == json({1}));
  // The crop moves (6.5, 11.5) to (-3.5, 6.5): outside, hidden ([0, 0, 0]); the flip maps x to 40 - x and swaps
  // the pair.
  CHECK(fields["kp"] == json({{{26.5, 13.5, 2}, {0, 0, 0}}}));

  labels::FieldSpec norm = field("b", "boxes");
  norm.box_format = "cxcywh";
  norm.normalized = true;
  const auto xyxy = labels::boxes_to_xyxy(json({{0.5, 0.5, 0.5, 0.25}}), norm, 64, 48);
  CHECK(xyxy.front() == std::array<double, 4>{16, 18, 48, 30});
  CHECK(labels::boxes_from_xyxy(xyxy, norm, 64, 48) == json({{0.5, 0.5, 0.5, 0.25}}));
  CHECK_THROWS(labels::boxes_to_xyxy(json({{1, 2, 3}}), norm, 64, 48));
}

TEST_CASE("labels: erasing hides keypoints, masks get the ignore fill, elastic refuses boxes") {
  labels::LabelSchema schema;
  schema.fields = {field("image", "image"), field("kp", "keypoints"), field("mask", "mask")};
  schema.fields[1].keypoints = 2;
  schema.fields[2].classes = 3;
  schema.fields[2].ignore = 200;
  json fields = {{"kp", {{{10.5, 10.5, 2}, {30.5, 20.5, 2}}}}};
  std::map<std::string, Image> masks;
  masks["mask"] = Image::make_u8(1, 32, 48, 1);
  Args erase;
  erase.set("top", num(8));
  erase.set("left", num(8));
  erase.set("height", num(5));
  erase.set("width", num(5));
  erase.set("erased", ArgValue::of_bool(true));
  Args rot;
  rot.set("angle", num(45));
  Trace trace{{{"0", "random_erasing", erase, {"image"}}, {"1", "rotate", rot, {"image"}}}};
  labels::transform(trace, schema, "image", Shape{3, 32, 48, Elem::U8}, fields, masks);
  CHECK(fields["kp"][0][0][2] == 0);
  CHECK(fields["kp"][0][1][2] == 2);
  const Image& m = masks["mask"];
  CHECK(m.at8(0, 0, 0) == 200);  // a corner the rotation uncovered
  CHECK(m.at8(0, 16, 24) == 1);  // the centre stays
  for (auto v : m.u8) CHECK((v == 1 || v == 200));

  schema.fields.push_back(field("boxes", "boxes"));
  json with_boxes = {{"boxes", {{1, 1, 5, 5}}}};
  Args elastic;
  elastic.set("alpha", num(10));
  elastic.set("sigma", num(3));
  elastic.set("noise_seed", ArgValue::num(7, true));
  Trace warp{{{"0", "elastic", elastic, {"image"}}}};
  std::map<std::string, Image> none;
  CHECK_THROWS_WITH_AS(labels::transform(warp, schema, "image", Shape{3, 32, 48, Elem::U8}, with_boxes, none),
                       doctest::Contains("non-invertible"), std::runtime_error);
}

TEST_CASE("labels: alignment is decided by the lengths a sample comes with, not those left after drops") {
  labels::LabelSchema schema;
  schema.fields = {field("image", "image"), field("boxes", "boxes"), field("classes", "class"),
                   field("keypoints", "keypoints")};
  schema.fields[2].list = true;
  schema.fields[3].keypoints = 1;
  // Three boxes, two unrelated keypoint instances: dropping boxes must never drop an instance.
  json fields = {{"boxes", {{10, 10, 20, 20}, {85, 85, 95, 95}, {65, 10, 75, 20}}},
                 {"classes", {1, 2, 3}},
                 {"keypoints", {{{15, 15, 2}}, {{30, 30, 2}}}}};
  auto crop = [](double size) {
    Args a;
    a.set("x", num(0));
    a.set("y", num(0));
    a.set("w", num(size));
    a.set("h", num(size));
    a.set("min_visibility", num(0.5));
    return a;
  };
  Trace trace{{{"0", "crop", crop(80), {"image"}}, {"1", "crop", crop(60), {"image"}}}};
  std::map<std::string, Image> masks;
  labels::transform(trace, schema, "image", Shape{3, 100, 100, Elem::U8}, fields, masks);
  CHECK(fields["boxes"] == json({{10, 10, 20, 20}}));
  CHECK(fields["classes"] == json({1}));
  CHECK(fields["keypoints"] == json({{{15, 15, 2}}, {{30, 30, 2}}}));
}

TEST_CASE("labels: captions follow the mirrors that ask for it; a mask must have its image's size") {
  labels::LabelSchema schema;
  schema.fields = {field("image", "image"), field("caption", "text"), field("mask", "mask")};
  auto mirror = [](const char* op, const char* mode) {
    Args a;
    a.set("caption", ArgValue::of_enum(mode));
    return AppliedOp{"0", op, a, {"image"}};
  };
  std::map<std::string, Image> masks;
  json fields = {{"caption", "a cup above the plate, left of the fork"}};
  labels::transform(Trace{{mirror("hflip", "swap_lr")}}, schema, "image", Shape{3, 8, 8, Elem::U8}, fields, masks);
  CHECK(fields["caption"] == "a cup above the plate, right of the fork");
  labels::transform(Trace{{mirror("vflip", "swap_tb")}}, schema, "image", Shape{3, 8, 8, Elem::U8}, fields, masks);
  CHECK(fields["caption"] == "a cup below the plate, right of the fork");
  labels::transform(Trace{{mirror("hflip", "keep")}}, schema, "image", Shape{3, 8, 8, Elem::U8}, fields, masks);
  CHECK(fields["caption"] == "a cup below the plate, right of the fork");

  masks["mask"] = Image::make_u8(1, 4, 6);
  CHECK_THROWS_WITH_AS(
      labels::transform(Trace{{mirror("hflip", "keep")}}, schema, "image", Shape{3, 8, 8, Elem::U8}, fields, masks),
      doctest::Contains("mask `mask` is 6x4 but `image` is 8x8"), std::runtime_error);
}

TEST_CASE("labels: a box an exact map leaves a rounding error of height has no area and is dropped") {
  labels::LabelSchema schema;
  schema.fields = {field("image", "image"), field("boxes", "boxes"), field("classes", "class")};
  schema.fields[2].list = true;
  // On an 80x60 image a quarter turn puts the first box's edge on the frame's edge, up to a rounding error
  // (cos 90° ≈ 6e-17 times a coordinate): clipped, a sliver of ~1e-14 px, not a box (QA's d3.json).
  json fields = {{"boxes", {{70, 50, 200, 300}, {10, 10, 20, 20}}}, {"classes", {3, 4}}};
  Args rot;
  rot.set("angle", num(90));
  std::map<std::string, Image> masks;
  labels::transform(Trace{{{"0", "rotate", rot, {"image"}}}}, schema, "image", Shape{3, 60, 80, Elem::U8}, fields,
                    masks);
  CHECK(fields["boxes"].size() == 1);
  CHECK(fields["classes"] == json({4}));
  for (const auto& b : fields["boxes"]) {
    CHECK(b[2].get<double>() > b[0].get<double>());
    CHECK(b[3].get<double>() > b[1].get<double>());
  }
}

TEST_CASE("labels: a mask holds class ids 0..N-1 or its ignore index; a malformed box names its place") {
  labels::LabelSchema schema;
  schema.fields = {field("image", "image"), field("mask", "mask"), field("boxes", "boxes")};
  schema.fields[1].classes = 21;
  schema.fields[1].ignore = 255;
  Args none;
  const Trace flip{{{"0", "hflip", none, {"image"}}}};
  json fields = json::object();
  std::map<std::string, Image> masks;
  masks["mask"] = Image::make_u8(1, 4, 6, 20);
  masks["mask"].u8[0] = 255;  // ignore: allowed
  labels::transform(flip, schema, "image", Shape{3, 4, 6, Elem::U8}, fields, masks);
  CHECK(masks["mask"].u8[5] == 255);

  masks["mask"] = Image::make_u8(1, 4, 6, 3);
  masks["mask"].u8[6 + 2] = 25;
  masks["mask"].u8[6 + 3] = 21;
  CHECK_THROWS_WITH_AS(labels::transform(flip, schema, "image", Shape{3, 4, 6, Elem::U8}, fields, masks),
                       "mask `mask` has 2 pixels outside mask(21) (class ids 0..20, ignore 255), the first 25 at x 2, "
                       "y 1",
                       std::runtime_error);
  schema.fields[1].ignore = 250;  // another ignore index: 255 is then no class either
  masks["mask"] = Image::make_u8(1, 4, 6, 255);
  CHECK_THROWS_WITH_AS(labels::transform(flip, schema, "image", Shape{3, 4, 6, Elem::U8}, fields, masks),
                       doctest::Contains("24 pixels outside mask(21) (class ids 0..20, ignore 250)"),
                       std::runtime_error);

  masks.clear();
  json bad = {{"boxes", {{1, 2, 3, 4}, {"a", 2, 3, 4}}}};
  CHECK_THROWS_WITH_AS(labels::transform(flip, schema, "image", Shape{3, 4, 6, Elem::U8}, bad, masks),
                       "boxes[1][0] must be a number, not \"a\"", std::runtime_error);
  json short_box = {{"boxes", {{1, 2, 3}}}};
  CHECK_THROWS_WITH_AS(labels::transform(flip, schema, "image", Shape{3, 4, 6, Elem::U8}, short_box, masks),
                       "boxes[0]: a box is 4 numbers", std::runtime_error);
}
