// Label ranges (runtime/io/label_rules.h): the values a source hands over for class, multilabel and soft fields,
// held to the schema's class counts; each refusal names the field, the value and the range.
#include "runtime/io/label_rules.h"

#include <doctest/doctest.h>

#include "runtime/io/source.h"
#include "tests/unit/runtime/source_errors.h"

using namespace auger::rt::io;
using auger::test::error_of;
using nlohmann::json;

namespace {

LabelRules rules_of(std::vector<auger::rt::labels::FieldSpec> fields) {
  auger::rt::labels::LabelSchema schema;
  schema.fields = std::move(fields);
  return label_rules(schema);
}

auger::rt::labels::FieldSpec field(std::string name, std::string kind, int classes, bool list = false) {
  auger::rt::labels::FieldSpec f;
  f.name = std::move(name);
  f.kind = std::move(kind);
  f.classes = classes;
  f.list = list;
  return f;
}

std::string problem(const LabelRules& rules, const json& fields, const std::vector<std::string>& names = {}) {
  return error_of([&] { check_labels(rules, fields, names); });
}

}  // namespace

TEST_CASE("label rules: only class, multilabel and soft fields have ranges") {
  const auto rules = rules_of({field("image", "image", 0), field("label", "class", 1000), field("boxes", "boxes", 0),
                               field("tags", "multilabel", 20), field("mix", "soft", 10), field("mask", "mask", 21)});
  REQUIRE(rules.rules.size() == 3);
  CHECK(rules.rules[0].field == "label");
  CHECK(rules.rules[1].kind == LabelRule::Kind::MultiLabel);
  CHECK(rules.rules[2].kind == LabelRule::Kind::Soft);
}

TEST_CASE("label rules: class(N) takes the integers 0..N-1 and nothing else") {
  const auto rules = rules_of({field("label", "class", 1000)});
  CHECK(problem(rules, {{"label", 0}}).empty());
  CHECK(problem(rules, {{"label", 999}}).empty());
  CHECK(problem(rules, json::object()).empty());        // absent: not a range question
  CHECK(problem(rules, {{"label", nullptr}}).empty());  // `class(N)?` left out
  CHECK(problem(rules, {{"label", 5000}}) == "label: 5000 is outside class(1000) (0..999)");
  CHECK(problem(rules, {{"label", 1000}}) == "label: 1000 is outside class(1000) (0..999)");
  CHECK(problem(rules, {{"label", -5}}) == "label: -5 is outside class(1000) (0..999)");
  CHECK(problem(rules, {{"label", 18446744073709551615ull}}) ==
        "label: 18446744073709551615 is outside class(1000) (0..999)");
  CHECK(problem(rules, {{"label", 3.5}}) == "label: 3.5 is not a class index of class(1000) (an integer 0..999)");
  CHECK(problem(rules, {{"label", 3.0}}) == "label: 3.0 is not a class index of class(1000) (an integer 0..999)");
  CHECK(problem(rules, {{"label", "cat"}}) == "label: \"cat\" is not a class index of class(1000) (an integer 0..999)");
  CHECK(problem(rules, {{"label", true}}).find("is not a class index") != std::string::npos);
  // A hostile value is not copied whole into the message.
  CHECK(problem(rules, {{"label", std::string(100000, 'x')}}).size() < 200);
}

TEST_CASE("label rules: the source's class names name an index past the schema's count") {
  const auto rules = rules_of({field("label", "class", 3)});
  CHECK(problem(rules, {{"label", 3}}, {"cat", "dog", "eel", "fox"}) ==
        "label: 3 (\"fox\") is outside class(3) (0..2)");
}

TEST_CASE("label rules: lists of classes (COCO's per-box classes) are checked entry by entry") {
  const auto rules = rules_of({field("classes", "class", 80, true)});
  CHECK(problem(rules, {{"classes", json::array({0, 79, 5})}}).empty());
  CHECK(problem(rules, {{"classes", json::array()}}).empty());
  CHECK(problem(rules, {{"classes", json::array({0, 90, 5})}}) == "classes[1]: 90 is outside class(80)[] (0..79)");
  CHECK(problem(rules, {{"classes", 3}}) == "classes: 3 is not a list, as class(80)[] is");
}

TEST_CASE("label rules: multilabel(N) is a list of class indices") {
  const auto rules = rules_of({field("tags", "multilabel", 20)});
  CHECK(problem(rules, {{"tags", json::array({1, 19})}}).empty());
  CHECK(problem(rules, {{"tags", json::array({1, 20})}}) == "tags[1]: 20 is outside multilabel(20) (0..19)");
  CHECK(problem(rules, {{"tags", 4}}) == "tags: 4 is not a list of class indices for multilabel(20)");
}

TEST_CASE("label rules: soft(N) is N probabilities, or one class index") {
  const auto rules = rules_of({field("mix", "soft", 3)});
  CHECK(problem(rules, {{"mix", json::array({0.2, 0.8, 0.0})}}).empty());
  CHECK(problem(rules, {{"mix", 2}}).empty());
  CHECK(problem(rules, {{"mix", 3}}) == "mix: 3 is outside soft(3) (0..2)");
  CHECK(problem(rules, {{"mix", json::array({0.5, 0.5})}}) == "mix: a list of 2 is not 3 probabilities for soft(3)");
  CHECK(problem(rules, {{"mix", json::array({0.5, 1.5, 0})}}) == "mix[1]: 1.5 is not a probability (0..1) of soft(3)");
  CHECK(problem(rules, {{"mix", json::array({-0.1, 1, 0})}}) == "mix[0]: -0.1 is not a probability (0..1) of soft(3)");
  CHECK(problem(rules, {{"mix", json::array({"a", 1, 0})}}).find("mix[0]") == 0);
}

TEST_CASE("label rules: a per-box list has as many entries as a box list (docs/labels.md \"Per-box lists\")") {
  auto keypoints = field("kp", "keypoints", 0);
  keypoints.keypoints = 17;
  const auto rules = rules_of({field("image", "image", 0), field("boxes", "boxes", 0),
                               field("classes", "class", 80, true), keypoints, field("words", "tags", 9, true)});
  const json two = json::array({{10, 20, 30, 40}, {0, 0, 5, 5}});
  const json one_point = json::array({json::array({0, 0, 0})});
  CHECK(problem(rules, {{"boxes", two}, {"classes", {1, 2}}}).empty());
  CHECK(problem(rules, {{"boxes", json::array()}, {"classes", json::array()}}).empty());
  CHECK(problem(rules, {{"classes", {1, 2, 3}}}).empty());  // no boxes: nothing to be per box of
  CHECK(problem(rules, {{"boxes", two}, {"classes", {1, 2, 3}}}) ==
        "classes: 3 entries but `boxes` has 2 boxes; class(80)[] has one entry per box");
  CHECK(problem(rules, {{"boxes", json::array({{1, 2, 3, 4}})}, {"classes", json::array()}}) ==
        "classes: 0 entries but `boxes` has 1 box; class(80)[] has one entry per box");
  // Keypoints may be the image's own rather than per box: they align by length only (docs/labels.md).
  CHECK(problem(rules, {{"boxes", two}, {"classes", {1, 2}}, {"kp", json::array({one_point})}}).empty());
  // tags follow tokens, not boxes.
  CHECK(problem(rules, {{"boxes", two}, {"classes", {1, 2}}, {"words", {1, 2, 3}}}).empty());

  // Two box lists: a per-box list follows one of them.
  const auto both =
      rules_of({field("boxes", "boxes", 0), field("crowd", "boxes", 0), field("classes", "class", 80, true)});
  const json three = json::array({{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}});
  CHECK(problem(both, {{"boxes", two}, {"crowd", three}, {"classes", {1, 2, 3}}}).empty());
  CHECK(problem(both, {{"boxes", two}, {"crowd", three}, {"classes", {1}}}) ==
        "classes: 1 entry but no box list has as many (`boxes` has 2, `crowd` has 3); class(80)[] has one entry per "
        "box");
}
