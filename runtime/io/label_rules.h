// What a schema allows of a sample's class-like labels — `class(N)`, `multilabel(N)`, `soft(N)` and their `[]`
// lists, and `tags(N)[]` given as class ids — and the check that holds a stored sample's values to it. A label outside
// its field's range (5000 for `class(1000)`, -1, 3.5, "cat", a COCO category past the schema's count, a folder's 4th
// class sub-folder for `class(3)`) would otherwise be written to shards and collated by the loader; the runner checks
// every sample as its source hands it over, so such a sample is a named per-sample error like an unreadable one.
// The same check holds a sample's per-box lists (the `class(N)[]`, `multilabel(N)[]` and `soft(N)[]` lists of a
// schema with boxes) to the box count: a class list one entry short would shift every label onto the wrong box
// (docs/labels.md "Per-box lists"). Keypoints may be the image's own, not per box: they align by length only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/labels/labels.h"

namespace auger::rt::io {

struct LabelRule {
  enum class Kind { Class, MultiLabel, Soft, Tag };
  std::string field;
  Kind kind = Kind::Class;
  int classes = 0;    // N: the values are 0..N-1 (probabilities over N classes for soft)
  bool list = false;  // `T[]`: a list of such values (one per box, say)
};

// A field with one entry per box (a class list) in a schema that has box lists.
struct PerBoxRule {
  std::string field;
  std::string type;  // as a message names it: "class(80)[]"
};

struct LabelRules {
  std::vector<LabelRule> rules;
  std::vector<std::string> box_lists;  // the schema's boxes fields
  std::vector<PerBoxRule> per_box;     // empty without box lists
  [[nodiscard]] bool empty() const { return rules.empty() && per_box.empty(); }
};

// The rules of a schema's class, multilabel, soft and tags fields (others have no range to hold to), and its per-box
// lists.
LabelRules label_rules(const labels::LabelSchema& schema);

// Throws SourceError naming the field, the value and the range ("label: 5000 is outside class(1000) (0..999)") for
// the first value of `fields` (keyed by schema field name) that its rule does not allow, or naming the fields and
// their lengths for a per-box list whose length is no box list's ("classes: 3 entries but `boxes` has 2 boxes …").
// Absent and null fields pass: whether a field must be there is not a range question. `class_names` (the source's, in
// label order; may be empty) names a class index in the message.
void check_labels(const LabelRules& rules, const nlohmann::json& fields,
                  const std::vector<std::string>& class_names = {});
void check_labels(const LabelRules& rules, const nlohmann::ordered_json& fields,
                  const std::vector<std::string>& class_names = {});

}  // namespace auger::rt::io
