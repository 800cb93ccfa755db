// Renderers: golden text frames, JSON fields, SARIF structure (and the official schema when Python can check it).
#include "compiler/diag/render.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "compiler/diag/diag_engine.h"

using namespace auger;
using nlohmann::json;

namespace {

// The span of the `nth` occurrence of `needle` in file `f`.
Span find_span(const SourceManager& sm, FileId f, std::string_view needle, int nth = 0) {
  std::string_view t = sm.text(f);
  std::size_t at = t.find(needle);
  for (int i = 0; i < nth; ++i) at = t.find(needle, at + 1);
  REQUIRE(at != std::string_view::npos);
  return {f, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

constexpr std::string_view kPolicy =
    "sample Img { image: image }\n"
    "policy train(s: Img) {\n"
    "  rotate(angle: 30)\n"
    "}\n";

RenderOptions plain() {
  return RenderOptions{};
}

}  // namespace

TEST_CASE("text: error with a fix-it, rustc layout") {
  SourceManager sm;
  FileId f = sm.add("policies/x.aug", std::string(kPolicy));
  DiagEngine de;
  Span num = find_span(sm, f, "30");
  de.report(DiagId::UnitMismatch, num, "angle", "an angle", "deg or rad", "a bare number")
      .fix(num, "30deg", "write `30deg`");
  CHECK(render_text(de.all(), sm, plain()) ==
        "error[E0302]: `angle` is an angle and needs a unit (deg or rad), found a bare number\n"
        " --> policies/x.aug:3:17\n"
        "  |\n"
        "3 |   rotate(angle: 30)\n"
        "  |                 ^^\n"
        "  |\n"
        "help: write `30deg`\n"
        "  |\n"
        "3 |   rotate(angle: 30deg)\n"
        "  |                 ~~~~~\n"
        "\n"
        "1 error generated.\n");
}

TEST_CASE("text: notes with and without a location, insertion and deletion fix-its, summary") {
  SourceManager sm;
  FileId f = sm.add("a.aug", std::string(kPolicy));
  DiagEngine de;
  de.report(DiagId::MirrorWithoutFlipPairs, find_span(sm, f, "rotate"), "rotate", "kp")
      .note(find_span(sm, f, "image", 1), "the sample's keypoints are declared here")
      .note(Span{}, "mirroring swaps left and right keypoints")
      .fix(Span{f, 13, 13}, "kp: keypoints(17), ", "")
      .fix(find_span(sm, f, "rotate(angle: 30)"), "", "");
  de.report(DiagId::UnusedImport, Span{}, "std/geometry");
  CHECK(render_text(de.all(), sm, plain()) ==
        "error[E0702]: `rotate` mirrors the image but keypoints `kp` declare no `flip` pairs\n"
        " --> a.aug:3:3\n"
        "  |\n"
        "3 |   rotate(angle: 30)\n"
        "  |   ^^^^^^\n"
        "  |\n"
        "  = note: mirroring swaps left and right keypoints\n"
        "note: the sample's keypoints are declared here\n"
        " --> a.aug:1:21\n"
        "  |\n"
        "1 | sample Img { image: image }\n"
        "  |                     ^^^^^\n"
        "help: insert `kp: keypoints(17), `\n"
        "  |\n"
        "1 | sample Img { kp: keypoints(17), image: image }\n"
        "  |              +++++++++++++++++++\n"
        "help: remove `rotate(angle: 30)`\n"
        "  |\n"
        "3 |   rotate(angle: 30)\n"
        "  |   -----------------\n"
        "\n"
        "warning[W0801]: import `std/geometry` is never used\n"
        "\n"
        "1 error, 1 warning generated.\n");
}

TEST_CASE("text: tabs expand so carets align") {
  SourceManager sm;
  FileId f = sm.add("t.aug", "policy p {\n\t\trotate(angle: 30)\n}\n");
  DiagEngine de;
  de.report(DiagId::UnknownOp, find_span(sm, f, "rotate"), "rotate");
  CHECK(render_text(de.all(), sm, plain()) ==
        "error[E0202]: unknown op or transform `rotate`\n"
        " --> t.aug:2:3\n"
        "  |\n"
        "2 |         rotate(angle: 30)\n"
        "  |         ^^^^^^\n"
        "\n"
        "1 error generated.\n");
}

TEST_CASE("text: multi-line span underlines its first line and marks the continuation") {
  SourceManager sm;
  FileId f = sm.add("m.aug", "policy p {\n  one_of {\n    flip()\n  }\n}\n");
  Span s = find_span(sm, f, "one_of {\n    flip()\n  }");
  DiagEngine de;
  de.report(DiagId::EmptyChoice, s, "one_of");
  CHECK(render_text(de.all(), sm, plain()) ==
        "error[E0606]: `one_of` has nothing to choose from\n"
        " --> m.aug:2:3\n"
        "  |\n"
        "2 |   one_of {\n"
        "  |   ^^^^^^^^...\n"
        "\n"
        "1 error generated.\n");
}

TEST_CASE("text: a span ending just after a newline stays on its line") {
  SourceManager sm;
  FileId f = sm.add("n.aug", "abc\ndef\n");
  DiagEngine de;
  de.report(DiagId::SyntaxError, Span{f, 0, 4}, "x");
  CHECK(render_text(de.all(), sm, plain()).find("1 | abc\n  | ^^^\n") != std::string::npos);
}

TEST_CASE("text: empty span at the end of a file without a trailing newline gets one caret") {
  SourceManager sm;
  FileId f = sm.add("e.aug", "policy p {\n  flip()");
  auto end = static_cast<std::uint32_t>(sm.text(f).size());
  DiagEngine de;
  de.report(DiagId::SyntaxError, Span{f, end, end}, "expected `}` at end of file");
  CHECK(render_text(de.all(), sm, plain()) ==
        "error[E0101]: expected `}` at end of file\n"
        " --> e.aug:2:9\n"
        "  |\n"
        "2 |   flip()\n"
        "  |         ^\n"
        "\n"
        "1 error generated.\n");
}

TEST_CASE("text: offsets past the end, reversed spans and unknown files do not crash") {
  SourceManager sm;
  FileId f = sm.add("z.aug", "ab");
  DiagEngine de;
  de.report(DiagId::SyntaxError, Span{f, 50, 90}, "past the end");
  de.report(DiagId::SyntaxError, Span{f, 2, 1}, "reversed");
  de.report(DiagId::SyntaxError, Span{77, 0, 1}, "unknown file");
  std::string out = render_text(de.all(), sm, plain());
  CHECK(out.find(" --> z.aug:1:3\n") != std::string::npos);
  CHECK(out.find("error[E0101]: unknown file\n\n") != std::string::npos);
  CHECK(out.find("3 errors generated.") != std::string::npos);
  CHECK_NOTHROW((void)render_json(de.all(), sm, plain()));
  CHECK_NOTHROW((void)render_sarif(de.all(), sm, plain()));
}

TEST_CASE("text: very long lines are cut to a window around the span") {
  SourceManager sm;
  std::string line = "policy p { " + std::string(300, 'x') + " rotate(angle: 30) " + std::string(300, 'y') + " }\n";
  FileId f = sm.add("l.aug", line);
  DiagEngine de;
  de.report(DiagId::UnknownOp, find_span(sm, f, "rotate"), "rotate");
  std::string out = render_text(de.all(), sm, plain());
  auto src = out.find("1 | ...");
  REQUIRE(src != std::string::npos);
  std::string src_line = out.substr(src, out.find('\n', src) - src);
  std::string marks = out.substr(out.find('\n', src) + 1);
  marks = marks.substr(0, marks.find('\n'));
  CHECK(src_line.size() <= 4 + 3 + 120 + 3);
  CHECK(src_line.substr(src_line.size() - 3) == "...");
  // The carets sit under `rotate` in the cut line.
  auto caret = marks.find('^');
  REQUIRE(caret != std::string::npos);
  CHECK(src_line.substr(caret, 6) == "rotate");
  CHECK(marks.substr(caret) == "^^^^^^");
}

TEST_CASE("text: columns count code points, so carets sit under non-ASCII text") {
  SourceManager sm;
  FileId f = sm.add("u.aug", "caption \"héllo\" bad\n");
  DiagEngine de;
  de.report(DiagId::UnknownName, find_span(sm, f, "bad"), "bad");
  CHECK(render_text(de.all(), sm, plain()) ==
        "error[E0201]: unknown name `bad`\n"
        " --> u.aug:1:17\n"
        "  |\n"
        "1 | caption \"héllo\" bad\n"
        "  |                 ^^^\n"
        "\n"
        "1 error generated.\n");
}

TEST_CASE("text: internal errors say they are a bug in auger") {
  SourceManager sm;
  DiagEngine de;
  de.report(DiagId::InternalError, Span{}, "lowering lost a span");
  RenderOptions opt;
  opt.tool_version = "9.9.9";
  CHECK(render_text(de.all(), sm, opt) ==
        "error[E0001]: internal error: lowering lost a span (this is a bug in auger)\n"
        "  = note: this is a bug in auger 9.9.9, not in your policy; please report it, with the input that "
        "triggered it\n"
        "\n"
        "1 error generated.\n");
}

TEST_CASE("text: gutter widens with the line number; colour only when asked") {
  SourceManager sm;
  std::string text;
  for (int i = 0; i < 11; ++i) text += "flip()\n";
  FileId f = sm.add("g.aug", text);
  DiagEngine de;
  de.report(DiagId::UnknownOp, find_span(sm, f, "flip", 10), "flip");
  std::string out = render_text(de.all(), sm, plain());
  CHECK(out.find("  --> g.aug:11:1\n   |\n11 | flip()\n   | ^^^^\n") != std::string::npos);
  CHECK(out.find('\x1b') == std::string::npos);
  RenderOptions col;
  col.color = true;
  std::string coloured = render_text(de.all(), sm, col);
  CHECK(coloured.find("\x1b[1;31merror[E0202]\x1b[0m") != std::string::npos);
  CHECK(render_text({}, sm, plain()).empty());
}

TEST_CASE("json: fields, null locations, exclusive end column, counts") {
  SourceManager sm;
  FileId f = sm.add("policies/x.aug", std::string(kPolicy));
  DiagEngine de;
  Span num = find_span(sm, f, "30");
  de.report(DiagId::UnitMismatch, num, "angle", "an angle", "deg or rad", "a bare number")
      .note(find_span(sm, f, "rotate"), "declared with a unit here")
      .fix(num, "30deg", "write `30deg`");
  de.report(DiagId::ProbabilityZero, Span{}, "0");
  json j = json::parse(render_json(de.all(), sm, plain()));
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  REQUIRE(j["diagnostics"].size() == 2);
  const json& d = j["diagnostics"][0];
  CHECK(d["code"] == "E0302");
  CHECK(d["severity"] == "error");
  CHECK(d["name"] == "unit-mismatch");
  CHECK(d["file"] == "policies/x.aug");
  CHECK(d["line"] == 3);
  CHECK(d["column"] == 17);
  CHECK(d["end_line"] == 3);
  CHECK(d["end_column"] == 19);
  CHECK(d["notes"][0]["message"] == "declared with a unit here");
  CHECK(d["notes"][0]["column"] == 3);
  CHECK(d["fixits"][0]["replacement"] == "30deg");
  CHECK(d["fixits"][0]["message"] == "write `30deg`");
  CHECK(d["fixits"][0]["end_column"] == 19);
  const json& w = j["diagnostics"][1];
  CHECK(w["severity"] == "warning");
  CHECK(w["file"].is_null());
  CHECK(w["line"].is_null());
}

namespace {

std::string sample_sarif(const SourceManager& sm, DiagEngine& de) {
  return render_sarif(de.all(), sm, plain());
}

}  // namespace

TEST_CASE("sarif: structure, levels, rules, locations, fixes, fingerprints") {
  SourceManager sm;
  FileId f = sm.add("policies\\sub dir/x.aug", std::string(kPolicy));
  FileId g = sm.add("lib/u.aug", "caption \"héllo\" bad\n");
  DiagEngine de;
  Span num = find_span(sm, f, "30");
  de.report(DiagId::UnitMismatch, num, "angle", "an angle", "deg or rad", "a bare number")
      .note(find_span(sm, g, "bad"), "declared here")
      .note(Span{}, "no location")
      .fix(num, "30deg", "write `30deg`")
      .fix(Span{f, num.end, num.end}, "!", "");
  de.report(DiagId::BoxesEnclosed, find_span(sm, g, "bad"), "rotate", "boxes");
  de.report(DiagId::InternalError, Span{}, "boom");
  json s = json::parse(sample_sarif(sm, de));

  CHECK(s["version"] == "2.1.0");
  CHECK(s["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(s["runs"].size() == 1);
  const json& run = s["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "auger");
  CHECK(driver["version"] == "0.1.0");
  CHECK(driver["rules"].size() == all_diag_kinds().size());
  for (std::size_t i = 0; i < all_diag_kinds().size(); ++i) {
    const auto& k = all_diag_kinds()[i];
    const json& r = driver["rules"][i];
    CHECK(r["id"] == std::string(k.code));
    CHECK(r["name"] == std::string(k.name));
    CHECK(r["defaultConfiguration"]["level"] == (k.severity == Severity::Warning ? "warning" : "error"));
    std::string help = r["helpUri"];
    CHECK(help.find("docs/diagnostics.md#") != std::string::npos);
    CHECK(help.substr(help.size() - 5) ==
          std::string(1, static_cast<char>(std::tolower(k.code[0]))) + std::string(k.code.substr(1)));
    CHECK(std::string(r["shortDescription"]["text"]).find("{}") == std::string::npos);
  }

  const json& results = run["results"];
  REQUIRE(results.size() == 3);
  const json& r0 = results[0];
  CHECK(r0["ruleId"] == "E0302");
  CHECK(driver["rules"][r0["ruleIndex"].get<std::size_t>()]["id"] == "E0302");
  CHECK(r0["level"] == "error");
  const json& loc = r0["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "policies/sub%20dir/x.aug");
  {
    // Paths become URI references: absolute paths as file URIs, a ':' in a relative path encoded.
    SourceManager p;
    DiagEngine pe;
    for (const char* path : {"/abs/p.aug", "C:\\Users\\p.aug", "a:b.aug", "ünï.aug", "50%#?.aug"}) {
      pe.report(DiagId::UnknownName, Span{p.add(path, "x"), 0, 1}, "x");
    }
    json ps = json::parse(render_sarif(pe.all(), p, plain()));
    std::vector<std::string> uris;
    for (const auto& r : ps["runs"][0]["results"])
      uris.push_back(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    CHECK(uris == std::vector<std::string>{"file:///abs/p.aug", "file:///C:/Users/p.aug", "a%3Ab.aug",
                                           "%C3%BCn%C3%AF.aug", "50%25%23%3F.aug"});
  }
  CHECK(loc["region"] == json{{"startLine", 3}, {"startColumn", 17}, {"endLine", 3}, {"endColumn", 19}});
  REQUIRE(r0["relatedLocations"].size() == 2);
  CHECK(r0["relatedLocations"][0]["id"] == 0);
  CHECK(r0["relatedLocations"][0]["message"]["text"] == "declared here");
  // Columns in code points: "é" is two bytes but one column.
  CHECK(r0["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 17);
  CHECK(r0["relatedLocations"][1]["message"]["text"] == "no location");
  CHECK_FALSE(r0["relatedLocations"][1].contains("physicalLocation"));
  REQUIRE(r0["fixes"].size() == 2);
  const json& rep = r0["fixes"][0]["artifactChanges"][0]["replacements"][0];
  CHECK(r0["fixes"][0]["description"]["text"] == "write `30deg`");
  CHECK(rep["deletedRegion"]["startColumn"] == 17);
  CHECK(rep["deletedRegion"]["endColumn"] == 19);
  CHECK(rep["insertedContent"]["text"] == "30deg");
  const json& ins = r0["fixes"][1]["artifactChanges"][0]["replacements"][0]["deletedRegion"];
  CHECK(ins["startColumn"] == ins["endColumn"]);

  CHECK(results[1]["level"] == "warning");
  CHECK_FALSE(results[2].contains("locations"));
  CHECK(std::string(results[2]["message"]["text"]).find("bug in auger") != std::string::npos);

  // Artifacts: each file once, referenced by index.
  REQUIRE(run["artifacts"].size() == 2);
  CHECK(run["artifacts"][loc["artifactLocation"]["index"].get<std::size_t>()]["location"]["uri"] ==
        "policies/sub%20dir/x.aug");

  // Fingerprints: present, and stable when the diagnostic only moves to another line.
  std::string fp = r0["partialFingerprints"]["auger/v1"];
  CHECK(fp.size() == 16);
  SourceManager sm2;
  FileId f2 = sm2.add("policies\\sub dir/x.aug", "# a comment moves everything down\n" + std::string(kPolicy));
  DiagEngine de2;
  de2.report(DiagId::UnitMismatch, find_span(sm2, f2, "30"), "angle", "an angle", "deg or rad", "a bare number");
  json s2 = json::parse(render_sarif(de2.all(), sm2, plain()));
  CHECK(s2["runs"][0]["results"][0]["partialFingerprints"]["auger/v1"] == fp);
  CHECK(s2["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4);
  CHECK(fp != std::string(results[1]["partialFingerprints"]["auger/v1"]));
}

TEST_CASE("sarif: no diagnostics is a valid, empty run") {
  SourceManager sm;
  json s = json::parse(render_sarif({}, sm, plain()));
  CHECK(s["runs"][0]["results"].is_array());
  CHECK(s["runs"][0]["results"].empty());
  CHECK(s["runs"][0]["artifacts"].empty());
}

TEST_CASE("sarif and json: a diagnostic about a file that could not be read names it, without a region") {
  SourceManager sm;
  DiagEngine de;
  de.report(DiagId::FileNotReadable, Span{}, "gone.aug", "no such file").path = "gone.aug";
  json s = json::parse(render_sarif(de.all(), sm, plain()));
  const json& run = s["runs"][0];
  const json& phys = run["results"][0]["locations"][0]["physicalLocation"];
  CHECK(phys["artifactLocation"]["uri"] == "gone.aug");
  CHECK(phys["artifactLocation"]["index"] == 0);
  CHECK_FALSE(phys.contains("region"));
  CHECK(run["artifacts"][0]["location"]["uri"] == "gone.aug");
  CHECK_FALSE(run["artifacts"][0].contains("length"));
  json j = json::parse(render_json(de.all(), sm, plain()));
  CHECK(j["diagnostics"][0]["file"] == "gone.aug");
  CHECK(j["diagnostics"][0]["line"].is_null());
}

// The official SARIF 2.1.0 schema check runs here too when /usr/bin/python3 has jsonschema (Debian's
// python3-jsonschema), so the renderer is checked even before the CLI exists; tests/diag/test_sarif_schema.py
// checks the CLI's output the same way.
TEST_CASE("sarif: validates against the official SARIF 2.1.0 schema") {
  namespace fs = std::filesystem;
  fs::path src = AUGER_SOURCE_DIR;
  fs::path validator = src / "tests/diag/validate_sarif.py";
  if (!fs::exists(src / "tests/data/sarif-schema-2.1.0.json")) {
    MESSAGE("skipped: tests/data/sarif-schema-2.1.0.json is missing");
    return;
  }
  if (std::system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
    MESSAGE("skipped: /usr/bin/python3 has no jsonschema (apt-get install python3-jsonschema)");
    return;
  }
  SourceManager sm;
  FileId f = sm.add("policies/x.aug", std::string(kPolicy));
  DiagEngine de;
  Span num = find_span(sm, f, "30");
  de.report(DiagId::UnitMismatch, num, "angle", "an angle", "deg or rad", "a bare number")
      .note(find_span(sm, f, "image"), "declared here")
      .note(Span{}, "no location")
      .fix(num, "30deg", "write `30deg`")
      .fix(num, "", "");
  de.report(DiagId::BoxesEnclosed, find_span(sm, f, "rotate"), "rotate", "boxes")
      .fix(Span{f, 0, 0}, "# x\n", "")
      .fix(Span{f, 0, 0}, "# x\n", "");  // a duplicate fix must not make the fixes array non-unique
  de.report(DiagId::InternalError, Span{}, "boom");
  // Awkward paths: spaces, '%', '#', backslashes, non-ASCII, absolute, a drive letter, the same path twice.
  for (const char* path : {"dir with space/50%#.aug", "win\\sub\\f.aug", "ünï/çødé.aug", "/abs/path.aug",
                           "C:\\Users\\x.aug", "policies/x.aug", "a:b.aug"}) {
    FileId g = sm.add(path, "caption \"héllo\" bad\n");
    de.report(DiagId::UnknownName, find_span(sm, g, "bad"), "bad").note(Span{g, 0, 0}, "here");
  }
  auto eof = static_cast<std::uint32_t>(sm.text(f).size());
  de.report(DiagId::SyntaxError, Span{f, eof, eof}, "at the end");

  fs::path out = fs::temp_directory_path() / fmt::format("auger_render_test_{}.sarif", ::getpid());
  {
    std::ofstream o(out);
    o << render_sarif(de.all(), sm, plain());
  }
  std::string cmd = fmt::format("/usr/bin/python3 '{}' '{}'", validator.string(), out.string());
  int rc = std::system(cmd.c_str());
  fs::remove(out);
  CHECK(rc == 0);
}

TEST_CASE("diagnostic table: codes are unique, well-formed, and their letter matches their severity") {
  std::set<std::string_view> codes, names;
  for (const auto& k : all_diag_kinds()) {
    CHECK_MESSAGE(codes.insert(k.code).second, "duplicate code ", k.code);
    CHECK_MESSAGE(names.insert(k.name).second, "duplicate name ", k.name);
    REQUIRE(k.code.size() == 5);
    for (char ch : k.code.substr(1)) CHECK(std::isdigit(static_cast<unsigned char>(ch)));
    CHECK_MESSAGE((k.code[0] == 'E') == (k.severity == Severity::Error), k.code, " has the wrong letter");
    CHECK_MESSAGE((k.code[0] == 'W') == (k.severity == Severity::Warning), k.code, " has the wrong letter");
    CHECK(diag_kind(k.id).code == k.code);  // the table is indexed by its ids
    CHECK_FALSE(k.message.empty());
  }
}
