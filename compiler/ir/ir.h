// The typed dataflow IR of one policy: built from the checked program (transforms already inlined by
// elaboration), transformed by compiler/passes, printed for tests and `auger explain --emit ir`, and run by the
// sampler and the executors. Values keep the spans they came from.
//
// A policy body is a region: a list of nodes that each read the current sample and write it. An Op node names
// the fields it updates (its targets) and the types before and after; OneOf / SomeOf / Seq / Match nodes hold
// regions of their own. Arguments are value expressions (sema's VExpr), so random draws stay symbolic until the
// sampler evaluates them per sample.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/sema/value.h"

namespace auger {
struct OpInfo;
struct PolicyInfo;
}  // namespace auger

namespace auger::ir {

// The type of one field as it flows: "image(u8)[3,h,w]"-like, kept as the printer shows it.
struct FieldType {
  std::string kind;     // image mask boxes keypoints class soft audio spectrogram text tags caption frames
  std::string element;  // u8 / f32 / "" when unknown or not pixels
  std::string text;     // as printed
};

struct Arg {
  std::string name;
  VExprPtr value;  // never null: defaults are filled in by the builder
  bool given = false;  // written by the user (not a default)
};

enum class NodeKind { Op, Seq, OneOf, SomeOf, Match, Batch };

struct Node {
  NodeKind kind = NodeKind::Op;
  std::string site;   // language.md §6: the label, or the statement path ("3", "2.1.0")
  std::string label;  // empty when unlabelled
  Span span;

  // Op
  std::string op;                    // the op's name
  const OpInfo* info = nullptr;      // its declaration (effects, cost, doc); null in IR parsed from text
  std::vector<Arg> args;             // in declaration order; absent optional parameters are omitted
  std::vector<std::string> targets;  // the fields it writes
  FieldType in_type, out_type;       // of its first target

  VExprPtr probability;  // @p; null = 1
  VExprPtr weight;       // @w inside one_of; null = 1

  // Seq / OneOf / SomeOf / Match / Batch
  std::vector<Node> children;
  VExprPtr some_n;  // SomeOf: how many
  bool replace = false;
  bool order_random = true;
  std::string match_param;              // Match: the enum parameter chosen on
  std::vector<std::string> arm_values;  // Match: the value of each child arm
  std::string transform;                // Seq: the transform whose inlined body this is ("" otherwise)

  // Set by the fusion passes: the kernel this op runs in (-1: not yet assigned).
  int kernel = -1;

  [[nodiscard]] const Arg* arg(const std::string& name) const;
};

// A kernel of the fusion plan: consecutive ops that run as one pass over the pixels.
struct Kernel {
  int id = 0;
  std::string kind;                // see runtime/ops/kernel_class.h: resample, warp, lut, mix, stencil, store, …
  std::vector<std::string> sites;  // its ops, in order
  std::string note;                // why it starts or ends here, for the plan a user reads
};

struct PolicyParam {
  std::string name;
  std::string type;  // as written
  VExprPtr value;    // the default (or the --set override)
};

struct Function {
  std::string policy;
  std::string sample;  // the schema's name
  std::vector<PolicyParam> params;
  std::vector<std::pair<std::string, FieldType>> inputs;   // the schema's fields at entry
  std::vector<std::pair<std::string, FieldType>> outputs;  // after the body
  bool deterministic = false;
  std::vector<Node> body;
  std::vector<Kernel> kernels;  // filled by the fusion passes
};

}  // namespace auger::ir
