// The IR verifier: each structural rule, on IR text that breaks exactly it.
#include "compiler/ir/verifier.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/ir/parser.h"

using namespace auger;

namespace {

constexpr const char* kHeader =
    "policy p on Photo\n"
    "param mode: a | b = a\n"
    "input image: image(rgb, u8)\n"
    "output image: image(rgb)[?,?,3]\n";

ir::Function parsed(const std::string& body, const std::string& kernels = "") {
  std::string error;
  auto f = ir::parse(std::string(kHeader) + "body {\n" + body + "}\n" + kernels, error);
  REQUIRE_MESSAGE(f, error);
  return *f;
}

// The verifier's complaints, joined, for messages and substring checks.
std::string complaints(const ir::Function& f) {
  std::string out;
  for (const auto& e : ir::verify(f)) out += e + "\n";
  return out;
}

const char* kFlip = "hflip() on image : image(rgb, u8) -> image(rgb, u8)";

}  // namespace

TEST_CASE("verifier: a well-formed function has no complaints") {
  auto f =
      parsed(std::string("  0: ") + kFlip + "\n  1: rotate(angle: 5deg) on image : image(rgb, u8) -> image(rgb, u8)\n",
             "kernels complete {\n  k0 = warp [0, 1]\n    map affine\n}\n");
  CHECK(ir::verify(f).empty());
}

TEST_CASE("verifier: sites are unique") {
  auto f = parsed(std::string("  0: ") + kFlip + "\n  0: " + kFlip + "\n");
  CHECK(complaints(f).find("site 0: used by two nodes") != std::string::npos);
}

TEST_CASE("verifier: u8 becomes f32 only through to_float") {
  auto f = parsed("  0: brightness(factor: 2) on image : image(rgb, u8) -> image(rgb, f32)\n");
  CHECK(complaints(f).find("site 0: `brightness` turns u8 into f32: an image goes from u8 to f32 only through "
                           "to_float") != std::string::npos);
  auto ok = parsed("  0: to_float() on image : image(rgb, u8) -> image(rgb, f32)\n");
  CHECK(complaints(ok).find("site 0") == std::string::npos);
  // The body must leave each output as the schema says (here u8, as decoded).
  CHECK(complaints(ok).find("output image: declared u8 but the body leaves it f32") != std::string::npos);
  auto back = parsed("  0: to_float() on image : image(rgb, f32) -> image(rgb, u8)\n");
  CHECK(complaints(back).find("`to_float` turns f32 into u8") != std::string::npos);
}

TEST_CASE("verifier: each op reads the type the op before wrote") {
  auto f = parsed(
      "  0: to_float() on image : image(rgb, u8) -> image(rgb, f32)\n"
      "  1: brightness(factor: 2) on image : image(rgb, u8) -> image(rgb, u8)\n");
  CHECK(complaints(f).find("site 1: `brightness` reads image as image(rgb, u8), but it is image(rgb, f32) here") !=
        std::string::npos);
  // After a one_of whose alternatives disagree, the type is unknown: nothing to compare with.
  auto branches = parsed(
      "  0: one_of {\n"
      "    0.0: to_float() on image : image(rgb, u8) -> image(rgb, f32)\n"
      "    0.1: hflip() on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  }\n"
      "  1: hflip() on image : image(rgb, u8 or f32) -> image(rgb, u8 or f32)\n");
  CHECK(ir::verify(branches).empty());
}

TEST_CASE("verifier: some_of needs n, and at most as many distinct draws as alternatives") {
  auto f = parsed("  0: some_of(n: 3, replace: false, order: random) {\n    0.0: " + std::string(kFlip) + "\n  }\n");
  CHECK(complaints(f).find("site 0: some_of draws 3 distinct alternatives of 1") != std::string::npos);
  f.body[0].some_n = nullptr;
  CHECK(complaints(f).find("site 0: some_of without `n`") != std::string::npos);
}

TEST_CASE("verifier: @w only on the alternatives of a one_of") {
  auto f = parsed("  0: " + std::string(kFlip) + " @w(2)\n");
  CHECK(complaints(f).find("site 0: `@w` outside a one_of") != std::string::npos);
}

TEST_CASE("verifier: match chooses on a parameter, one arm value per arm") {
  auto f = parsed("  0: match mode {\n    a => 0.a: " + std::string(kFlip) + "\n  }\n");
  CHECK(ir::verify(f).empty());
  f.body[0].arm_values.push_back("b");
  CHECK(complaints(f).find("match has 2 arm values for 1 arms") != std::string::npos);
  f.body[0].match_param = "nope";
  CHECK(complaints(f).find("match on `nope`, which is not a parameter of the policy") != std::string::npos);
}

TEST_CASE("verifier: a label is the site's last component") {
  auto f = parsed("  2.x: " + std::string(kFlip) + "\n");
  CHECK(f.body[0].label == "x");
  CHECK(ir::verify(f).empty());
  f.body[0].label = "y";
  CHECK(complaints(f).find("site 2.x: its label `y` is not its last component") != std::string::npos);
}

TEST_CASE("verifier: kernels cover consecutive image ops, each once") {
  std::string body = std::string("  0: ") + kFlip +
                     "\n  1: brightness(factor: 2) on image : image(rgb, u8) -> image(rgb, u8)\n"
                     "  2: " +
                     kFlip + "\n  3: token_dropout(p: 0.1) on caption : text(en) -> text(en)\n";
  SUBCASE("an op in two kernels") {
    auto f = parsed(body, "kernels {\n  k0 = remap [0]\n  k1 = remap [0]\n}\n");
    CHECK(complaints(f).find("kernel k1: site 0 is already in k0") != std::string::npos);
  }
  SUBCASE("not consecutive") {
    auto f = parsed(body, "kernels {\n  k0 = remap [0, 2]\n}\n");
    CHECK(complaints(f).find("kernel k0: site 2 does not follow the kernel's previous op in its region") !=
          std::string::npos);
  }
  SUBCASE("not an image op") {
    auto f = parsed(body, "kernels {\n  k0 = pointwise [3]\n}\n");
    CHECK(complaints(f).find("kernel k0: site 3 (`token_dropout`) does not work on an image") != std::string::npos);
  }
  SUBCASE("an unknown site") {
    auto f = parsed(body, "kernels {\n  k0 = remap [9]\n}\n");
    CHECK(complaints(f).find("kernel k0: site 9 is not an op of the function") != std::string::npos);
  }
  SUBCASE("a complete plan covers every image op") {
    auto f = parsed(body, "kernels complete {\n  k0 = remap [0]\n    map index\n  k1 = pointwise [1]\n}\n");
    CHECK(complaints(f).find("site 2: image op `hflip` is in no kernel of the complete plan") != std::string::npos);
    CHECK(complaints(f).find("site 3") == std::string::npos);  // text ops are in no kernel
  }
  SUBCASE("numbered in order") {
    auto f = parsed(body, "kernels {\n  k1 = remap [0]\n}\n");
    CHECK(complaints(f).find("kernel k1: numbered k1 at position 0") != std::string::npos);
  }
  SUBCASE("a known kind and map") {
    auto f = parsed(body, "kernels {\n  k0 = blend [0]\n    map spiral\n}\n");
    CHECK(complaints(f).find("unknown kind `blend`") != std::string::npos);
    CHECK(complaints(f).find("unknown map `spiral`") != std::string::npos);
  }
}

TEST_CASE("verifier: a kernel is a head, then pointwise and store ops") {
  std::string body =
      "  0: resize(size: [64, 64]) on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  1: rotate(angle: 5deg) on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  2: brightness(factor: 2) on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  3: hflip() on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  4: elastic(alpha: 1, sigma: 1) on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  5: equalize() on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  6: saturation(factor: 2) on image : image(rgb, u8) -> image(rgb, u8)\n"
      "  7: equalize() on image : image(rgb, u8) -> image(rgb, u8)\n";
  SUBCASE("one interpolation per sampling head") {
    auto f = parsed(body, "kernels {\n  k0 = warp [0, 1]\n}\n");
    CHECK(complaints(f).find("kernel k0: 2 interpolating ops in one sampling head (at most one)") != std::string::npos);
  }
  SUBCASE("the kind follows from the head") {
    auto f = parsed(body, "kernels {\n  k0 = remap [1]\n}\n");
    CHECK(complaints(f).find("kernel k0: its ops make it a warp kernel, not remap") != std::string::npos);
  }
  SUBCASE("geometry only in the head") {
    auto f = parsed(body, "kernels {\n  k0 = warp [1, 2, 3]\n}\n");
    CHECK(complaints(f).find("`hflip` after the kernel's head: only pointwise and store ops may follow it") !=
          std::string::npos);
  }
  SUBCASE("a reference op runs alone") {
    auto f = parsed(body, "kernels {\n  k0 = reference [4, 5]\n}\n");
    CHECK(complaints(f).find("a reference op runs alone, but the kernel has 2 ops") != std::string::npos);
  }
  SUBCASE("statistics only where the kernel can derive them, once the plan is complete") {
    std::string plan =
        "  k0 = warp [1, 2]\n    map affine\n  k1 = remap [3]\n    map index\n  k2 = reference [4]\n"
        "  k3 = pointwise [5, 6, 7]\n  k4 = resample [0]\n    map box\n}\n";
    auto partial = parsed(body, "kernels {\n" + plan);
    CHECK(complaints(partial).find("needs statistics") == std::string::npos);
    auto complete = parsed(body, "kernels complete {\n" + plan);
    CHECK(complaints(complete).find("kernel k3: `equalize` needs statistics of its input, which the ops before it in "
                                    "the kernel do not keep derivable") != std::string::npos);
  }
}
