// The typed dataflow IR of one policy: built from the checked program (transforms already inlined by
// elaboration), transformed by compiler/passes, printed for tests and `auger explain --emit ir`, and run by the
// sampler and the executors. Values keep the spans they came from.
//
// A policy body is a region: a list of nodes that each read the current sample and write it. An Op node names
// the fields it updates (its targets) and the types before and after; OneOf / SomeOf / Seq / Match nodes hold
// regions of their own. Arguments are value expressions (sema's VExpr), so random draws stay symbolic until the
// sampler evaluates them per sample.
#pragma once

#include <functional>
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
  // Pixel channels as decoded: image(rgb) 3, image(gray) 1, image(rgba) 4, a mask 1; 0 for other kinds.
  [[nodiscard]] int channels() const;
};

struct Arg {
  std::string name;
  VExprPtr value;      // never null: defaults are filled in by the builder
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
  // Seq: the transform whose inlined body this is. Once `flatten` has spliced such a Seq into its parent, each
  // node it held keeps the name, so a plan can still say "from rand_augment". "" otherwise.
  std::string transform;
  // The line a user reads for this statement: its own, or — inside a transform — the line of the user's call
  // that inlined it (0 when unknown). Kept apart from `span` because IR parsed from text has no source file.
  int line = 0;

  // Set by the fusion passes: the kernel this op runs in (-1: not yet assigned).
  int kernel = -1;

  [[nodiscard]] const Arg* arg(const std::string& name) const;
};

// A kernel of the fusion plan: consecutive ops that run as one pass over the pixels. The grouping rules are in
// compiler/passes/pipeline.cpp (and docs/language.md §11.13); the fused executor applies the same ones.
struct Kernel {
  int id = 0;                      // its index in Function::kernels (kernels are numbered in program order)
  std::string kind;                // remap resample warp pointwise stencil store reference
  std::vector<std::string> sites;  // its ops, in order: consecutive ops of one region
  std::string note;                // why it starts or ends here, for the plan a user reads
  // Sampling kernels: the composed coordinate map, one per sample: "index" (remaps only: exact integer index
  // maps), "box" (an axis-aligned scale and offset: resample with crops, flips and pads folded in), "affine"
  // (a 3×3 affine matrix), "homography" (a 3×3 projective matrix). "" for other kinds.
  std::string map;
  // Kernels whose first op needs image-wide statistics of its input (autocontrast, equalize, contrast): what a
  // pre-pass computes before the kernel runs, e.g. "per-channel min and max of its input" ("" when none).
  std::string stats;
  // The first geometric stage only: which part of the encoded image the decoder needs ("" when no hint).
  std::string decode_roi;
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
  // Set by the last planning pass: every image op is in exactly one kernel (the verifier then checks it).
  bool planned = false;
};

// The IR text format's shared helpers (printer.cpp and parser.cpp agree on these).
// A field type from its printed text: "image(rgb, u8)" → {image, u8}; "image(rgb, f32)[3,224,224]" → {image,
// f32}; an image type that names no element ("image(rgb)[?,?,3]", as decoded) is u8; "u8 or f32" → "".
FieldType field_type(std::string text);
// Every node, parents before children, in program order.
void for_each_node(Function& f, const std::function<void(Node&)>& visit);
void for_each_node(const Function& f, const std::function<void(const Node&)>& visit);
// Sets each op's Node::kernel from Function::kernels (-1 for an op in none), after kernels change.
void sync_kernel_ids(Function& f);

// Whether an op of this type works on pixels (and so belongs to a kernel of the plan).
inline bool is_image(const FieldType& t) {
  return t.kind == "image";
}

}  // namespace auger::ir
