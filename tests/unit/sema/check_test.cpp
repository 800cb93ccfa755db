// End to end through Compilation: source text in, diagnostics (code, 1-based line:col, fix-its) and output
// schemas out.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "compiler/sema/compilation.h"

using namespace auger;
namespace fs = std::filesystem;

namespace {

struct Checked {
  std::unique_ptr<Compilation> c = std::make_unique<Compilation>();
  const Module* module = nullptr;

  explicit Checked(std::string text, std::string name = "test.aug") { module = c->check_text(name, std::move(text)); }
  Checked() = default;

  [[nodiscard]] std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : c->diags().sorted()) out.emplace_back(d.kind().code);
    return out;
  }
  // The first diagnostic with `code`; fails the test when there is none.
  [[nodiscard]] const Diagnostic& first(std::string_view code) const {
    for (const auto& d : c->diags().all()) {
      if (d.kind().code == code) return d;
    }
    FAIL("no ", code, " in: ", dump());
    return c->diags().all().front();
  }
  // "line:col" (1-based) of a span.
  [[nodiscard]] std::string at(Span s) const {
    auto lc = c->sources().line_col(s.file, s.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.col);
  }
  [[nodiscard]] std::string text(Span s) const { return std::string(c->sources().text(s)); }
  [[nodiscard]] std::string dump() const {
    std::string out;
    for (const auto& d : c->diags().sorted()) {
      out += std::string(d.kind().code) + " " + (d.span.valid() ? at(d.span) : "-") + " " + d.message + "\n";
    }
    return out;
  }
};

constexpr const char* kPhoto =
    "sample Photo {\n"
    "  image: image(rgb)\n"
    "  label: class(10)\n"
    "}\n";

// A folder under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("auger-sema-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    auto p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};

}  // namespace

TEST_CASE("check: a clean policy has no diagnostics") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  rotate(angle: signed(15deg)) @p(0.5)\n"
            "  hflip() @p(0.5)\n"
            "}\n");
  CHECK_MESSAGE(r.c->diags().all().empty(), r.dump());
  REQUIRE(r.module != nullptr);
  CHECK(policy_names(*r.module) == std::vector<std::string>{"train"});
}

TEST_CASE("check: E0302 a bare number for an angle, at the literal, with a fix-it that inserts the unit") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  rotate(angle: 30)\n"
            "}\n");
  CHECK(r.codes() == std::vector<std::string>{"E0302"});
  const auto& d = r.first("E0302");
  CHECK(r.at(d.span) == "6:17");
  CHECK(r.text(d.span) == "30");
  CHECK(d.message == "`angle` is an angle and needs a unit (deg or rad), found a plain number `30`");
  REQUIRE(d.fixits.size() == 1);
  CHECK(r.at(d.fixits[0].span) == "6:19");
  CHECK(d.fixits[0].span.begin == d.fixits[0].span.end);  // an insertion
  CHECK(d.fixits[0].replacement == "deg");
}

TEST_CASE("check: E0401 an unknown argument, with the did-you-mean replacement") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  rotate(angel: 30deg)\n"
            "}\n");
  CHECK(r.codes() == std::vector<std::string>{"E0401"});
  const auto& d = r.first("E0401");
  CHECK(r.at(d.span) == "6:10");
  CHECK(r.text(d.span) == "angel");
  CHECK(d.message == "`rotate` has no parameter `angel`");
  REQUIRE(d.fixits.size() == 1);
  CHECK(r.text(d.fixits[0].span) == "angel");
  CHECK(d.fixits[0].replacement == "angle");
  REQUIRE_FALSE(d.notes.empty());
  CHECK(d.notes[0].message.find("angle") != std::string::npos);
}

TEST_CASE("check: E0202 an unknown op suggests the closest one") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  hflp()\n"
            "}\n");
  const auto& d = r.first("E0202");
  CHECK(r.at(d.span) == "6:3");
  REQUIRE(d.fixits.size() == 1);
  CHECK(d.fixits[0].replacement == "hflip");
}

TEST_CASE("check: E0307 division by zero in a constant expression") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  resize(size: 224 / 0)\n"
            "}\n");
  const auto& d = r.first("E0307");
  CHECK(d.message == "cannot evaluate: division by zero");
  CHECK(r.at(d.span).rfind("6:", 0) == 0);
}

TEST_CASE("check: E0303 a constant outside the parameter's domain") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  resize(size: 224)\n"
            "  pad(px: 5000)\n"
            "}\n");
  const auto& d = r.first("E0303");
  CHECK(r.at(d.span) == "7:11");
  CHECK(r.text(d.span) == "5000");
}

TEST_CASE("check: E0309 a probability outside [0, 1]") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  hflip() @p(1.5)\n"
            "}\n");
  CHECK(r.codes() == std::vector<std::string>{"E0309"});
  CHECK(r.at(r.first("E0309").span).rfind("6:", 0) == 0);
}

TEST_CASE("check: E0207 an unknown sample") {
  Checked r(
      "policy train on Foto {\n"
      "  hflip()\n"
      "}\n");
  const auto& d = r.first("E0207");
  CHECK(r.at(d.span) == "1:17");
  CHECK(r.text(d.span) == "Foto");
}

TEST_CASE("check: E0104 an unknown unit, from the syntax layer") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  rotate(angle: 30degs)\n"
            "}\n");
  CHECK(r.at(r.first("E0104").span).rfind("6:", 0) == 0);
}

TEST_CASE("check: E0205 an import cycle through files on disk") {
  TempDir dir;
  std::string a =
      dir.write("a.aug", "import \"lib/b.aug\"\n" + std::string(kPhoto) + "policy train on Photo {\n  from_b()\n}\n");
  dir.write("lib/b.aug", "# b imports a back\nimport \"../a.aug\"\n\ntransform from_b() {\n  hflip()\n}\n");
  Compilation c;
  c.check_file(a);
  const Diagnostic* cycle = nullptr;
  for (const auto& d : c.diags().all()) {
    if (d.kind().code == "E0205") cycle = &d;
  }
  REQUIRE(cycle != nullptr);
  CHECK(fs::path(c.sources().path(cycle->span.file)).filename() == "b.aug");
  auto lc = c.sources().line_col(cycle->span.file, cycle->span.begin);
  CHECK(lc.line == 2);
  CHECK(lc.col == 8);
  CHECK(cycle->message == "import cycle: a.aug → b.aug → a.aug");
}

TEST_CASE("check: E0205 a file that imports itself") {
  TempDir dir;
  std::string self = dir.write("self.aug", "import \"self.aug\"\n");
  Compilation c;
  c.check_file(self);
  REQUIRE(c.diags().all().size() >= 1);
  const auto& d = c.diags().all().front();
  CHECK(d.kind().code == "E0205");
  CHECK(c.sources().line_col(d.span.file, d.span.begin).line == 1);
  CHECK(c.sources().line_col(d.span.file, d.span.begin).col == 8);
}

TEST_CASE("check: E0204 a missing import, and E0002 a missing file") {
  Checked r("import \"no/such/file.aug\"\n");
  const auto& d = r.first("E0204");
  CHECK(r.at(d.span) == "1:8");

  Compilation c;
  CHECK(c.check_file("/nonexistent/dir/x.aug") == nullptr);
  REQUIRE(c.diags().all().size() == 1);
  CHECK(c.diags().all()[0].kind().code == "E0002");
}

TEST_CASE("check: line:col counts from 1 and across CRLF and multibyte text") {
  Checked r("# café — a comment with multibyte text\r\n" + std::string(kPhoto) +
            "policy train on Photo {\r\n"
            "  rotate(angle: 30)\r\n"
            "}\r\n");
  const auto& d = r.first("E0302");
  CHECK(r.at(d.span) == "7:17");
}

TEST_CASE("explain_schema: the output schema of each policy") {
  Checked r(std::string(kPhoto) +
            "policy train on Photo {\n"
            "  random_resized_crop(size: 224)\n"
            "  hflip() @p(0.5)\n"
            "  to_float()\n"
            "  normalize(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])\n"
            "}\n"
            "\n"
            "policy eval on Photo deterministic {\n"
            "  resize(shorter: 256)\n"
            "  center_crop(size: 224)\n"
            "}\n");
  CHECK_MESSAGE(r.c->diags().all().empty(), r.dump());
  REQUIRE(r.module != nullptr);
  CHECK(policy_names(*r.module) == std::vector<std::string>{"train", "eval"});
  auto train = explain_schema(*r.module, "train");
  REQUIRE(train);
  CHECK(*train == "train: image: image(rgb, f32)[3,224,224], label: class(10)\n");
  auto eval = explain_schema(*r.module, "eval");
  REQUIRE(eval);
  CHECK(*eval == "eval: image: image(rgb)[224,224,3], label: class(10)\n");
  auto all = explain_schema(*r.module, "");
  REQUIRE(all);
  CHECK(all->find("train: ") != std::string::npos);
  CHECK(all->find("eval: ") != std::string::npos);
  CHECK_FALSE(explain_schema(*r.module, "nosuch"));
}

TEST_CASE("check: oversized integer literals are rejected, not undefined behaviour") {
  // Regressions from fuzzing (tests/fuzz/regressions): float → integer conversions of huge literals.
  SUBCASE("class count") {
    Checked r("sample S {\n  image: image(rgb)\n  label: class(99999999999999999999)\n}\n");
    CHECK(r.at(r.first("E0502").span) == "3:16");
  }
  SUBCASE("keypoint flip pairs and mask ignore index") {
    Checked r(
        "sample S {\n  image: image(rgb)\n"
        "  kps: keypoints(99999999999999999999, flip: [(99999999999999999999, 1)])\n"
        "  m: mask(10, ignore: 99999999999999999999)\n}\n");
    CHECK_FALSE(r.c->diags().all().empty());
  }
  SUBCASE("crop and resize sizes") {
    Checked r(
        "sample S {\n  image: image(rgb)\n}\n"
        "policy p on S {\n  center_crop(size: 1e30)\n  resize(size: [1e300, 99999999999999999999])\n"
        "  pad(px: 1e30)\n}\n");
    (void)r.codes();  // only: no sanitizer report
  }
  SUBCASE("an integer domain with huge bounds") {
    Checked r(
        "sample S {\n  image: image(rgb)\n}\n"
        "policy p(n: int in 0..99999999999999999999 = -5) on S {\n  pad(px: n)\n}\n");
    CHECK_FALSE(r.c->diags().all().empty());
  }
}

TEST_CASE("check: E0608 nested transform calls that multiply stop at the expansion limit") {
  // Regression from fuzzing (tests/fuzz/regressions/oom-transform-doubling.aug): 2^40 statements ran out of
  // memory before the limit existed.
  std::string text = std::string(kPhoto) + "transform t0() { t1() }\n";
  for (int i = 1; i < 40; ++i) {
    text += "transform t" + std::to_string(i) + "() { t" + std::to_string(i + 1) + "() t" + std::to_string(i + 1) +
            "() }\n";
  }
  text += "transform t40() { hflip() }\npolicy train on Photo {\n  t0()\n}\n";
  Checked r(text);
  CHECK(r.codes() == std::vector<std::string>{"E0608"});
  const auto& d = r.first("E0608");
  CHECK(r.at(d.span) == "47:3");
  CHECK(d.message == "policy `train` expands to more than 20000 statements through transform calls");
}

TEST_CASE("check: deeply nested some_of stays fast (invariant walk budget)" * doctest::timeout(20)) {
  // Regression from fuzzing (tests/fuzz/regressions/timeout-nested-some-of.aug): every some_of walked its
  // children several rounds, so 25 nested ones took 3^25 walks.
  std::string text = "sample S {\n  image: image(rgb)\n}\npolicy p on S {\n";
  for (int i = 0; i < 25; ++i) text += "some_of(n: 1) {\n";
  text += "hflip()\n";
  for (int i = 0; i < 25; ++i) text += "}\n";
  text += "}\n";
  Checked r(text);
  CHECK_MESSAGE(r.c->diags().all().empty(), r.dump());
}

TEST_CASE("check: forget_user_files() leaves no trace of earlier inputs (the fuzzer relies on it)") {
  const std::string first = std::string(kPhoto) +
                            "import std.vision\n"
                            "const k = 3\n"
                            "transform t() { hflip() }\n"
                            "policy train on Photo { rand_augment(n: 2)  t()  rotate(angle: 30) }\n";
  const std::string second = std::string(kPhoto) + "policy train on Photo { t()  rotate(angle: k * 1deg) }\n";
  Compilation shared;
  shared.check_text("a.aug", first);
  REQUIRE_FALSE(shared.diags().all().empty());  // E0302 in the first input
  shared.forget_user_files();
  CHECK(shared.diags().all().empty());
  const Module* m = shared.check_text("b.aug", second);
  REQUIRE(m != nullptr);
  Checked fresh(second, "b.aug");
  std::vector<std::string> got;
  for (const auto& d : shared.diags().sorted()) got.push_back(std::string(d.kind().code) + " " + d.message);
  std::vector<std::string> want;
  for (const auto& d : fresh.c->diags().sorted()) want.push_back(std::string(d.kind().code) + " " + d.message);
  CHECK(got == want);  // `t` and `k` from the first input are unknown again: E0202, E0201
  CHECK(fresh.codes() == std::vector<std::string>{"E0202", "E0201"});
}
