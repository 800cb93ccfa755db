// Sema building blocks without parsing: units, value ranges, constant folding, domains, did-you-mean, the
// effect vocabulary and schema type text.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/checker.h"
#include "compiler/sema/effects.h"
#include "compiler/sema/program.h"
#include "compiler/sema/schema.h"
#include "compiler/sema/units.h"
#include "compiler/sema/value.h"

using namespace auger;

namespace {

VExprPtr num(double v, bool is_int = false, Dim dim = Dim::None) {
  return make_const(Value::num(v, is_int, dim), {});
}
VExprPtr integer(double v) {
  return num(v, true);
}

VExprPtr node(VExpr::Kind kind, std::string name, std::vector<VExprPtr> operands, char op = 0) {
  auto e = std::make_shared<VExpr>();
  e->kind = kind;
  e->name = std::move(name);
  e->operands = std::move(operands);
  e->op = op;
  return e;
}
VExprPtr random(std::string name, std::vector<VExprPtr> operands) {
  return node(VExpr::Kind::Random, std::move(name), std::move(operands));
}
VExprPtr builtin(std::string name, std::vector<VExprPtr> operands) {
  return node(VExpr::Kind::Builtin, std::move(name), std::move(operands));
}
VExprPtr binary(char op, VExprPtr a, VExprPtr b) {
  return node(VExpr::Kind::Binary, "", {std::move(a), std::move(b)}, op);
}
VExprPtr neg(VExprPtr a) {
  return node(VExpr::Kind::Unary, "", {std::move(a)}, '-');
}
VExprPtr param(std::string name) {
  auto e = std::make_shared<VExpr>();
  e->kind = VExpr::Kind::Param;
  e->name = std::move(name);
  e->index = 0;
  return e;
}

std::optional<Range> range(const VExprPtr& e, const ParamRange& params = {}) {
  return range_of(*e, params);
}

// `magnitude` ranges over [0, 10]; other parameters are unbounded.
ParamRange magnitude_0_10() {
  return [](const VExpr& p) -> std::optional<Range> {
    if (p.name == "magnitude") return Range{0, 10, false};
    return std::nullopt;
  };
}

Domain interval(double lo, double hi, Dim dim = Dim::None) {
  Domain d;
  d.kind = Domain::Kind::Interval;
  d.lo = lo;
  d.hi = hi;
  d.dim = dim;
  return d;
}

}  // namespace

TEST_CASE("units: the table and lookup by suffix") {
  const auto& units = all_units();
  CHECK(units.size() == 9);
  std::vector<std::string> suffixes;
  for (const auto& u : units) suffixes.emplace_back(u.suffix);
  CHECK(suffixes == std::vector<std::string>{"deg", "rad", "ms", "s", "Hz", "kHz", "dB", "px", "%"});

  auto rad = find_unit("rad");
  REQUIRE(rad);
  CHECK(rad->dim == Dim::Angle);
  CHECK(rad->scale == doctest::Approx(180.0 / M_PI));
  auto ms = find_unit("ms");
  REQUIRE(ms);
  CHECK(ms->dim == Dim::Duration);
  CHECK(ms->scale == doctest::Approx(1e-3));
  CHECK(find_unit("kHz")->scale == 1e3);
  CHECK(find_unit("%")->dim == Dim::Fraction);
  CHECK(find_unit("%")->scale == doctest::Approx(0.01));
  CHECK(find_unit("px")->dim == Dim::Pixels);

  CHECK_FALSE(find_unit("Deg"));  // case matters
  CHECK_FALSE(find_unit("khz"));
  CHECK_FALSE(find_unit(""));
  CHECK_FALSE(find_unit("degrees"));

  CHECK(dim_name(Dim::Angle) == "an angle");
  CHECK(dim_name(Dim::None) == "a plain number");
  CHECK(dim_example_unit(Dim::Gain) == "dB");
  CHECK(dim_example_unit(Dim::None).empty());
}

TEST_CASE("values: to_string writes numbers back with their units") {
  CHECK(Value::num(30, true, Dim::Angle).to_string() == "30deg");
  CHECK(Value::num(0.5, false, Dim::Fraction).to_string() == "50%");
  CHECK(Value::num(0.025, false, Dim::Duration).to_string() == "25ms");
  CHECK(Value::num(16000, true, Dim::Frequency).to_string() == "16kHz");
  CHECK(Value::num(3, true).to_string() == "3");
  CHECK(Value::num(1e20, true).to_string() == "1e+20");  // too big for an integer cast: printed as a double
}

TEST_CASE("range_of: random draws") {
  SUBCASE("uniform(a, b) is [a, b)") {
    auto r = range(random("uniform", {num(-2), num(3)}));
    REQUIRE(r);
    CHECK(r->lo == -2);
    CHECK(r->hi == 3);
    CHECK(r->hi_open);
    CHECK(r->to_string(Dim::None) == "[-2, 3)");
  }
  SUBCASE("randint(a, b) is the integers in [a, b]") {
    auto r = range(random("randint", {num(0.5), num(7.5)}));
    REQUIRE(r);
    CHECK(r->lo == 1);
    CHECK(r->hi == 7);
    CHECK_FALSE(r->hi_open);
  }
  SUBCASE("signed(x) is symmetric about 0") {
    auto r = range(random("signed", {num(30, true, Dim::Angle)}));
    REQUIRE(r);
    CHECK(r->lo == -30);
    CHECK(r->hi == 30);
    CHECK(r->to_string(Dim::Angle) == "[-30deg, 30deg]");
    auto u = range(random("signed", {random("uniform", {num(10), num(20)})}));
    REQUIRE(u);
    CHECK(u->lo == -20);
    CHECK(u->hi == 20);
  }
  SUBCASE("choice(...) is the hull of its options") {
    auto r = range(random("choice", {num(3), num(-1), num(8)}));
    REQUIRE(r);
    CHECK(r->lo == -1);
    CHECK(r->hi == 8);
    CHECK_FALSE(range(random("choice", {num(1), param("free")})));  // an unbounded option
  }
  SUBCASE("normal is unbounded") {
    auto r = range(random("normal", {num(0), num(1)}));
    REQUIRE(r);
    CHECK_FALSE(r->bounded());
  }
  SUBCASE("a missing operand gives no range") {
    CHECK_FALSE(range(random("uniform", {num(0)})));
    CHECK_FALSE(range(random("nosuch", {num(0), num(1)})));
  }
}

TEST_CASE("range_of: builtins") {
  auto r = range(builtin("min", {random("uniform", {num(0), num(10)}), num(4)}));
  REQUIRE(r);
  CHECK(r->lo == 0);
  CHECK(r->hi == 4);
  r = range(builtin("max", {random("uniform", {num(0), num(10)}), num(4)}));
  REQUIRE(r);
  CHECK(r->lo == 4);
  CHECK(r->hi == 10);
  r = range(builtin("round", {random("uniform", {num(0.4), num(2.5)})}));
  REQUIRE(r);
  CHECK(r->lo == 0);
  CHECK(r->hi == 2);  // half to even, as torch.round
  r = range(builtin("round", {num(3.5)}));
  REQUIRE(r);
  CHECK(r->lo == 4);
  CHECK_FALSE(range(builtin("min", {num(1)})));  // min needs two operands
}

TEST_CASE("range_of: arithmetic with parameters") {
  auto p = magnitude_0_10();
  // magnitude / 10 * 30deg: [0, 30]
  auto scaled = binary('*', binary('/', param("magnitude"), num(10)), num(30, true, Dim::Angle));
  auto r = range(scaled, p);
  REQUIRE(r);
  CHECK(r->lo == doctest::Approx(0));
  CHECK(r->hi == doctest::Approx(30));
  // signed(magnitude * 3): [-30, 30]
  r = range(random("signed", {binary('*', param("magnitude"), num(3))}), p);
  REQUIRE(r);
  CHECK(r->lo == -30);
  CHECK(r->hi == 30);
  // 1 - magnitude: [-9, 1]
  r = range(binary('-', num(1), param("magnitude")), p);
  REQUIRE(r);
  CHECK(r->lo == -9);
  CHECK(r->hi == 1);
  // -magnitude: [-10, 0]
  r = range(neg(param("magnitude")), p);
  REQUIRE(r);
  CHECK(r->lo == -10);
  CHECK(r->hi == 0);
  // a product of signs: [-2, 3] * [-4, 5]
  r = range(binary('*', random("uniform", {num(-2), num(3)}), random("uniform", {num(-4), num(5)})));
  REQUIRE(r);
  CHECK(r->lo == -12);
  CHECK(r->hi == 15);
  // Division by a range that contains 0 has no bound.
  CHECK_FALSE(range(binary('/', num(1), param("magnitude")), p));
  // A parameter without a known range, or no parameter callback at all.
  CHECK_FALSE(range(binary('+', param("other"), num(1)), p));
  CHECK_FALSE(range(param("magnitude")));
}

TEST_CASE("fold: constants, arithmetic, errors") {
  auto v = fold(*binary('+', integer(2), binary('*', integer(3), integer(4))));
  REQUIRE(v);
  CHECK(v->number == 14);
  CHECK(v->is_int);
  v = fold(*binary('/', integer(3), integer(4)));
  REQUIRE(v);
  CHECK(v->number == 0.75);
  CHECK_FALSE(v->is_int);  // division makes a real
  v = fold(*builtin("round", {num(2.5)}));
  REQUIRE(v);
  CHECK(v->number == 2);
  CHECK(v->is_int);
  v = fold(*builtin("max", {integer(2), integer(7)}));
  REQUIRE(v);
  CHECK(v->number == 7);
  v = fold(*neg(num(30, true, Dim::Angle)));
  REQUIRE(v);
  CHECK(v->to_string() == "-30deg");

  std::string error;
  CHECK_FALSE(fold(*binary('/', integer(1), binary('-', integer(2), integer(2))), &error));
  CHECK(error == "division by zero");

  error.clear();
  CHECK_FALSE(fold(*random("uniform", {num(0), num(1)}), &error));  // random: not constant, and no error
  CHECK(error.empty());
  CHECK_FALSE(fold(*binary('+', param("p"), num(1)), &error));
  CHECK(error.empty());
  CHECK(fold(*binary('-', num(1), num(1)))->number == 0);
}

TEST_CASE("Domain::contains: integer ranges, intervals with tolerance, sets") {
  SUBCASE("int range") {
    Domain d;
    d.kind = Domain::Kind::IntRange;
    d.lo = 0;
    d.hi = 30;
    CHECK(d.contains(0.0));
    CHECK(d.contains(30.0));
    CHECK(d.contains(17.0));
    CHECK_FALSE(d.contains(17.5));  // not an integer
    CHECK_FALSE(d.contains(31.0));
    CHECK_FALSE(d.contains(-1.0));
    CHECK(d.to_string() == "0..30");
    CHECK(d.contains(Range{0, 30, false}));
    CHECK_FALSE(d.contains(Range{0, 31, false}));
  }
  SUBCASE("interval, with a relative tolerance for rounding") {
    Domain d = interval(-180, 180, Dim::Angle);
    CHECK(d.contains(180.0));
    CHECK(d.contains(180.0 + 1e-8));  // within 1e-9 relative
    CHECK_FALSE(d.contains(180.001));
    CHECK(d.contains(-180.0));
    CHECK_FALSE(d.contains(-181.0));
    CHECK(d.to_string() == "[-180deg, 180deg]");
    Domain unit = interval(0, 1);
    CHECK(unit.contains(0.1 + 0.2 + 0.7));  // 1.0000000000000002
    CHECK(unit.contains(Range{0, 1, true}));
    CHECK_FALSE(unit.contains(Range{-0.5, 1, false}));
    CHECK_FALSE(unit.contains(Range{std::nan(""), 1, false}));
    CHECK_FALSE(unit.contains(Range{}));  // unbounded
  }
  SUBCASE("set of numbers and of enum values") {
    Domain d;
    d.kind = Domain::Kind::Set;
    d.set = {Value::num(224, true), Value::num(384, true)};
    CHECK(d.contains(224.0));
    CHECK(d.contains(384.0));
    CHECK_FALSE(d.contains(256.0));
    CHECK(d.contains(Range::point(384)));
    CHECK_FALSE(d.contains(Range{224, 384, false}));  // a range is in a set only as a single point
    CHECK(d.to_string() == "{224, 384}");

    Domain e;
    e.kind = Domain::Kind::Set;
    Value bilinear;
    bilinear.kind = Value::Kind::Enum;
    bilinear.text = "bilinear";
    e.set = {bilinear};
    CHECK(e.contains(bilinear));
    Value nearest = bilinear;
    nearest.text = "nearest";
    CHECK_FALSE(e.contains(nearest));
  }
  SUBCASE("huge integer bounds print without overflow") {
    Domain d;
    d.kind = Domain::Kind::IntRange;
    d.lo = 0;
    d.hi = 1e20;
    CHECK(d.to_string() == "0..1e+20");
  }
}

TEST_CASE("closest: did-you-mean") {
  std::vector<std::string> ops = {"rotate", "hflip", "vflip", "random_resized_crop", "resize", "normalize"};
  CHECK(closest("rotat", ops) == "rotate");
  CHECK(closest("roatte", ops) == "rotate");  // a transposition counts once
  CHECK(closest("hflp", ops) == "hflip");
  CHECK(closest("random_resize_crop", ops) == "random_resized_crop");
  CHECK(closest("normalise", ops) == "normalize");
  CHECK(closest("xyz", ops).empty());     // nothing close
  CHECK(closest("rotate", ops).empty());  // an exact match is not a suggestion
  CHECK(closest("", ops).empty());
  CHECK(closest("rotate", {}).empty());
  CHECK(closest("ab", {"ac", "zz"}) == "ac");
}

TEST_CASE("effects: the vocabulary and apply_effect") {
  Effects fx;
  CHECK_FALSE(apply_effect(fx, "geometry", "affine", nullptr, {}));
  CHECK(fx.geometry == Geometry::Affine);
  CHECK(fx.geometric());

  CHECK_FALSE(apply_effect(fx, "shape", "square", nullptr, {}));
  CHECK(fx.shape == ShapeEffect::Square);
  CHECK(fx.shape_param == "size");  // the default parameter
  std::string px = "border";
  CHECK_FALSE(apply_effect(fx, "shape", "grow", &px, {}));
  CHECK(fx.shape == ShapeEffect::Grow);
  CHECK(fx.shape_param == "border");

  CHECK_FALSE(apply_effect(fx, "boxes", "enclose", nullptr, {}));
  CHECK(fx.boxes == BoxesEffect::Enclose);
  CHECK(fx.boxes_param == "boxes");

  auto err = apply_effect(fx, "colour", "keep", nullptr, {});
  REQUIRE(err);
  CHECK(*err == "unknown effect key `colour`");

  err = apply_effect(fx, "mask", "bilinear", nullptr, {});
  REQUIRE(err);
  CHECK(*err == "`bilinear` is not an effect on `mask` (expected one of: keep, warp_nearest, unmixable)");

  std::string p = "x";
  err = apply_effect(fx, "geometry", "flip", &p, {});
  REQUIRE(err);
  CHECK(*err == "effect `geometry: flip` takes no parameter");
  CHECK(fx.geometry == Geometry::Affine);  // an error leaves the effects as they were

  // Every entry of the vocabulary applies cleanly.
  for (const auto& spec : effect_vocabulary()) {
    Effects e;
    INFO(spec.key, ": ", spec.value);
    CHECK_FALSE(apply_effect(e, spec.key, spec.value, nullptr, {}));
    if (spec.takes_param) CHECK_FALSE(spec.default_param.empty());
  }
}

TEST_CASE("schema: type_text writes fields as declared") {
  FieldInfo img;
  img.kind = FieldKind::Image;
  CHECK(img.type_text() == "image(rgb)");
  img.element = "f32";
  img.color = "gray";
  CHECK(img.type_text() == "image(gray, f32)");

  FieldInfo cls;
  cls.kind = FieldKind::Class;
  cls.classes = 80;
  cls.list_depth = 1;
  CHECK(cls.type_text() == "class(80)[]");

  FieldInfo boxes;
  boxes.kind = FieldKind::Boxes;
  boxes.box_format = "cxcywh";
  boxes.normalized = true;
  boxes.optional = true;
  CHECK(boxes.type_text() == "boxes(cxcywh, normalized)?");

  FieldInfo audio;
  audio.kind = FieldKind::Audio;
  audio.sample_rate = 22050;
  audio.channels = "stereo";
  CHECK(audio.type_text() == "audio(22.05kHz, stereo)");

  FieldInfo frames;
  frames.kind = FieldKind::Frames;
  frames.frame_period = 0.01;
  CHECK(frames.type_text() == "frames(10ms)");

  CHECK(field_kind_from("keypoints") == FieldKind::Keypoints);
  CHECK_FALSE(field_kind_from("keypoint"));
  CHECK(field_kind_name(FieldKind::MultiLabel) == "multilabel");
  CHECK(is_geometric_field(FieldKind::Mask));
  CHECK_FALSE(is_geometric_field(FieldKind::Text));
}

TEST_CASE("effects: each vocabulary name sets the enum value the checker tests for") {
  // effects.cpp maps names to enums by their position in the vocabulary; a reordered enum or vocabulary
  // would silently map a name to another rule. This table states the intended mapping independently.
  using namespace auger;
  auto apply = [](std::string_view key, std::string_view value) {
    Effects fx;
    std::string param = "p";
    bool takes = false;
    for (const auto& spec : effect_vocabulary())
      takes = takes || (spec.key == key && spec.value == value && spec.takes_param);
    auto err = apply_effect(fx, key, value, takes ? &param : nullptr, {});
    REQUIRE_MESSAGE(!err, *err);
    return fx;
  };
  CHECK(apply("geometry", "flip").geometry == Geometry::Flip);
  CHECK(apply("geometry", "affine").geometry == Geometry::Affine);
  CHECK(apply("geometry", "perspective").geometry == Geometry::Perspective);
  CHECK(apply("geometry", "crop").geometry == Geometry::Crop);
  CHECK(apply("geometry", "resize").geometry == Geometry::Resize);
  CHECK(apply("geometry", "pad").geometry == Geometry::Pad);
  CHECK(apply("geometry", "nonrigid").geometry == Geometry::Nonrigid);
  CHECK(apply("shape", "square").shape == ShapeEffect::Square);
  CHECK(apply("shape", "exact").shape == ShapeEffect::Exact);
  CHECK(apply("shape", "grow").shape == ShapeEffect::Grow);
  CHECK(apply("shape", "expand").shape == ShapeEffect::Expand);
  CHECK(apply("shape", "dynamic").shape == ShapeEffect::Dynamic);
  CHECK(apply("boxes", "exact").boxes == BoxesEffect::Exact);
  CHECK(apply("boxes", "enclose").boxes == BoxesEffect::Enclose);
  CHECK(apply("boxes", "crop").boxes == BoxesEffect::Crop);
  CHECK(apply("boxes", "occlude").boxes == BoxesEffect::Occlude);
  CHECK(apply("boxes", "unwarpable").boxes == BoxesEffect::Unwarpable);
  CHECK(apply("boxes", "unmixable").boxes == BoxesEffect::Unmixable);
  CHECK(apply("keypoints", "transform").keypoints == KeypointsEffect::Transform);
  CHECK(apply("keypoints", "mirror").keypoints == KeypointsEffect::Mirror);
  CHECK(apply("keypoints", "occlude").keypoints == KeypointsEffect::Occlude);
  CHECK(apply("keypoints", "unwarpable").keypoints == KeypointsEffect::Unwarpable);
  CHECK(apply("keypoints", "unmixable").keypoints == KeypointsEffect::Unmixable);
  CHECK(apply("mask", "warp_nearest").mask == MaskEffect::WarpNearest);
  CHECK(apply("mask", "unmixable").mask == MaskEffect::Unmixable);
  CHECK(apply("text", "swap").text == TextEffect::Swap);
  CHECK(apply("text", "edit").text == TextEffect::Edit);
  CHECK(apply("tags", "align").tags == TagsEffect::Align);
  CHECK(apply("tags", "unalignable").tags == TagsEffect::Unalignable);
  CHECK(apply("frames", "rescale").frames == FramesEffect::Rescale);
  CHECK(apply("frames", "shift").frames == FramesEffect::Shift);
  CHECK(apply("class", "soften").klass == ClassEffect::Soften);
  CHECK(apply("random", "draws").draws);
  CHECK_FALSE(apply("random", "none").draws);
  // And effects_text prints what was declared.
  CHECK(effects_text(apply("boxes", "enclose")) == "boxes: enclose(p)");
  CHECK(effects_text(apply("keypoints", "mirror")) == "keypoints: mirror");
}
