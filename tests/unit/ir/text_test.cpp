// IR text: the printer and the parser are inverses (print ∘ parse is the identity on printed text), and syntax
// errors name their line.
#include <doctest/doctest.h>

#include <string>

#include "compiler/ir/build.h"
#include "compiler/ir/parser.h"
#include "compiler/ir/printer.h"
#include "compiler/sema/compilation.h"
#include "compiler/sema/program.h"

using namespace auger;

namespace {

std::string round_trip(const std::string& text) {
  std::string error;
  auto f = ir::parse(text, error);
  REQUIRE_MESSAGE(f, error);
  return ir::print(*f);
}

}  // namespace

TEST_CASE("ir text: every construct reads back as printed") {
  const std::string text =
      "policy p on Photo deterministic\n"
      "param magnitude: int in 0..30 = 9\n"
      "param angle: angle in [-30deg, 30deg] = 10deg\n"
      "param mode: fast | slow = slow\n"
      "input image: image(rgb, u8)\n"
      "input caption: text(en)\n"
      "output image: image(rgb, f32)[3,224,224]\n"
      "output caption: text(en)\n"
      "body {\n"
      "  0: random_resized_crop(size: 224, scale: [0.08, 1], interp = bilinear) on image : image(rgb, u8) -> "
      "image(rgb, u8) @line(3)\n"
      "  1: rotate(angle: signed((angle * min(1, (magnitude / 30)))), fill: [1, 2, 3]) on image : image(rgb, u8) -> "
      "image(rgb, u8) @p(0.5) from t @line(4)\n"
      "  2: seq from t(x: uniform(0, 1), name = \"a b\") @line(5) {\n"
      "    2.0: one_of {\n"
      "      2.0.0: translate_x(px: -(12.5% + 2px)) on image : image(rgb, u8) -> image(rgb, u8) @w(2)\n"
      "      2.0.1: seq @w(1) { }\n"
      "    }\n"
      "  }\n"
      "  3: some_of(n: 2, replace: true, order: listed) {\n"
      "    3.0: invert() on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  }\n"
      "  4: match mode {\n"
      "    fast => 4.fast: hflip(caption: keep) on image : image(rgb, u8) -> image(rgb, u8)\n"
      "    slow => 4.slow: seq { }\n"
      "  }\n"
      "  5.LD: seq @arm { }\n"
      "  erase: random_erasing(scale: [0.02, 0.33], value = [(1, 2), (3, 4)]) on image : image(rgb, u8) -> "
      "image(rgb, u8)\n"
      "  6: melspec(win: 25ms, hop: 10ms, rate: 16kHz, gain: -3dB, flag: true) on caption : text(en) -> "
      "text(en)\n"
      "  7: batch {\n"
      "    7.0: mixup(alpha = 0.2)\n"
      "  }\n"
      "}\n"
      "kernels complete {\n"
      "  k0 = resample [0, 1]\n"
      "    map box\n"
      "    stats \"a \\\"quoted\\\" \\\\ note\"\n"
      "    roi \"decode only the crop box\"\n"
      "    note \"one; two\"\n"
      "}\n";
  CHECK(round_trip(text) == text);
  std::string error;
  auto f = ir::parse(text, error);
  REQUIRE(f);
  // Labels come from the site; a resolved match arm is not one.
  CHECK(f->body[5].label.empty());
  CHECK(f->body[6].label == "erase");
  CHECK(f->body[4].children[0].label.empty());
  CHECK(f->kernels[0].stats == "a \"quoted\" \\ note");
  CHECK(f->body[1].kernel == 0);
  CHECK(f->body[1].args[0].value->depends_on_params());
  CHECK(f->body[0].args[2].given == false);
}

TEST_CASE("ir text: syntax errors name their line") {
  std::string error;
  CHECK_FALSE(ir::parse("policy p on S\nbody {\n  0: hflip( on image\n}\n", error));
  CHECK(error.rfind("line 3: ", 0) == 0);
  CHECK_FALSE(ir::parse("policy p on S\nbody {\n  0: hflip()\n", error));
  CHECK(error == "line 3: missing `}`");
  CHECK_FALSE(ir::parse("policy p on S\nbody {\n}\nkernels {\n  k0 = remap [0]\n  shape round\n}\n", error));
  CHECK(error.rfind("line 6: ", 0) == 0);
  CHECK_FALSE(ir::parse("sample S\n", error));
  CHECK(error.rfind("line 1: expected `policy NAME on SAMPLE`", 0) == 0);
}

TEST_CASE("ir text: built from a checked policy, printed, read back, printed again: the same") {
  Compilation comp;
  const Module* m = comp.check_file(std::string(AUGER_SOURCE_DIR) + "/examples/imagenet.aug");
  REQUIRE(m);
  REQUIRE_FALSE(comp.diags().has_errors());
  for (const auto& p : m->policies) {
    auto fn = ir::build_ir(*p, {}, &comp.sources());
    auto text = ir::print(fn);
    CHECK(round_trip(text) == text);
  }
}
