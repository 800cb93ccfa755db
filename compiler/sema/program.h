// The checked program: op signatures, transforms, schemas, policies elaborated into statement trees.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/sema/effects.h"
#include "compiler/sema/schema.h"
#include "compiler/sema/types.h"
#include "compiler/sema/value.h"
#include "compiler/syntax/ast.h"

namespace auger {

struct Domain {
  enum class Kind { IntRange, Interval, Set } kind = Kind::Interval;
  double lo = 0, hi = 0;
  std::vector<Value> set;
  Dim dim = Dim::None;
  Span span;

  [[nodiscard]] bool contains(double v) const;
  [[nodiscard]] bool contains(const Range& r) const;
  [[nodiscard]] bool contains(const Value& v) const;
  [[nodiscard]] std::string to_string() const;  // as written: "[-180deg, 180deg]", "0..30", "{1, 2}"
};

struct ParamInfo {
  std::string name;
  Type type;
  std::optional<Domain> domain;
  VExprPtr default_value;     // null: required (unless it acknowledges an effect or is optional)
  bool optional = false;      // `= none`: may be absent; `requires { … }` says which go together
  bool broken = false;        // its type or default failed to check (already reported)
  bool acknowledges = false;  // named inside an effect: never required by binding
  Span span;
  Span name_span;
  // A policy parameter without a domain passed as it is to an op argument that has one: that domain and the
  // argument's name, recorded by the checker, so a `--set` value is held to what the file's default was held to.
  struct Feed {
    Domain domain;
    std::string what;
  };
  mutable std::vector<Feed> feeds;
};

// Input/output kind of an op: `image(u8)`, `audio`, `batch`.
struct KindInfo {
  std::string kind;     // image mask audio spectrogram text batch any
  std::string element;  // "u8" / "f32" / "" (either)
  Span span;
  [[nodiscard]] std::string to_string() const;
};

// `requires { one_of(a, b) }`: how many of a group of optional parameters a call may give.
struct ArgGroup {
  enum class Rule { OneOf, AnyOf, AtMostOne } rule = Rule::OneOf;
  std::vector<std::string> params;
  Span span;
};

struct OpInfo {
  std::string name;
  std::vector<ParamInfo> params;
  std::vector<ArgGroup> groups;
  KindInfo input, output;
  Effects effects;
  std::map<std::string, double> cost;
  std::string doc;
  Span span, name_span;
  FileId file = kNoFile;

  [[nodiscard]] const ParamInfo* param(const std::string& n) const;
  [[nodiscard]] bool batch_level() const { return input.kind == "batch"; }
};

struct TransformInfo {
  std::string name;
  std::vector<ParamInfo> params;
  const ast::Transform* ast = nullptr;
  struct Module* module = nullptr;  // where its body's names resolve
  std::string doc;                  // the comment block above it, if any
  Span span, name_span;

  [[nodiscard]] const ParamInfo* param(const std::string& n) const;
};

// An argument after binding: the expression, and whether the user wrote it (rather than the default).
struct BoundArg {
  const ParamInfo* param = nullptr;
  VExprPtr value;  // null when absent (a parameter without default that was not given)
  bool explicit_given = false;
  Span span;  // the argument as written (or the call when defaulted)
  Span value_span;
};

// A transform call that led to a statement, innermost last: for notes ("in `rand_augment` called here").
struct CallFrame {
  std::string transform;
  Span call_span;
  Span args_span;  // `(…)` of the call, where a fix-it can add an argument
  const struct TransformInfo* info = nullptr;
};

struct ElabStmt {
  enum class Kind { Op, OneOf, SomeOf, Seq, Batch, Match } kind = Kind::Op;
  std::string site;  // statement site (language.md §6): the label, or the path of indices
  std::string label;
  Span span;              // the statement as written
  Span callee_span;       // the op name (Op) or keyword
  Span args_span;         // `(…)` of the call, parentheses included (where fix-its insert arguments)
  std::string transform;  // Seq: the transform whose body this is
  std::vector<CallFrame> frames;

  // Op
  const OpInfo* op = nullptr;
  std::vector<BoundArg> args;        // one per op parameter, in declaration order
  std::vector<std::string> targets;  // the fields it applies to
  bool explicit_target = false;      // `on:` was given
  Span on_removal;                   // deleting this removes the `on:` argument (a fix-it for rule 1)

  VExprPtr probability;   // `@p`; null = 1
  Span probability_span;  // the expression inside `@p(…)` as written (a parameter's node spans its declaration)
  VExprPtr weight;        // `@w` inside one_of; null = 1

  // OneOf / SomeOf / Seq / Batch / Match
  std::vector<ElabStmt> children;
  VExprPtr some_n;
  bool replace = false;
  bool order_random = true;
  // Match: the policy parameter chosen on, and the enum value of each child arm
  std::string match_param;
  std::vector<std::string> arm_values;

  [[nodiscard]] const BoundArg* arg(const std::string& name) const;
};

struct PolicyInfo {
  std::string name;
  std::vector<ParamInfo> params;
  const SchemaInfo* sample = nullptr;
  bool deterministic = false;
  const ast::Policy* ast = nullptr;
  std::vector<ElabStmt> body;
  Span span, name_span, header_span;
  // The output schema after the policy, one entry per field: "image: image(rgb, f32)[3,224,224]".
  std::vector<std::string> output_schema;
};

enum class SymbolKind { Const, Enum, Sample, Transform, Policy, Op };

struct Symbol {
  SymbolKind kind = SymbolKind::Const;
  Span span;  // the declaration's name
  struct Module* module = nullptr;
  // one of:
  const Value* constant = nullptr;
  std::shared_ptr<const EnumInfo> enumeration;
  const SchemaInfo* sample = nullptr;
  const TransformInfo* transform = nullptr;
  const PolicyInfo* policy = nullptr;
  const OpInfo* op = nullptr;
  const ast::Const* const_decl = nullptr;
};

std::string_view symbol_kind_name(SymbolKind k);
std::string with_article(SymbolKind k);  // "an op", "a policy"

struct Module {
  std::string name;  // "std.vision", or the file path
  FileId file = kNoFile;
  bool is_stdlib = false;
  std::unique_ptr<ast::File> ast;
  std::vector<Module*> imports;
  std::vector<Span> import_spans;     // the whole `import …` of each entry of `imports`
  std::map<std::string, Symbol> own;  // declared here
  // Storage (stable addresses).
  std::map<std::string, Value> consts;
  std::vector<std::unique_ptr<SchemaInfo>> samples;
  std::vector<std::unique_ptr<TransformInfo>> transforms;
  std::vector<std::unique_ptr<PolicyInfo>> policies;
  std::vector<std::unique_ptr<OpInfo>> ops;
  bool checked = false;
};

}  // namespace auger
