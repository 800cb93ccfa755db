// The typed AST of a `.aug` file. Every node carries the Span it came from. No ANTLR type appears here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"

namespace auger::ast {

struct Ident {
  std::string name;
  Span span;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// `name: value` or a positional `value` (name empty).
struct Arg {
  std::optional<Ident> name;
  ExprPtr value;
  Span span;
};

enum class ExprKind {
  Number,  // number, is_integer, unit (may be empty), text (as written)
  String,  // text (escapes resolved)
  Bool,    // bool_value
  Name,    // text: an identifier (constant, parameter or enum value)
  List,    // items: `[a, b, c]`
  Tuple,   // items: `(a, b)`
  Call,    // callee, args: `uniform(0, 1)`, `max(a, b)`
  Unary,   // op '-', items[0]
  Binary,  // op one of + - * /, items[0] op items[1]
};

struct Expr {
  ExprKind kind = ExprKind::Number;
  Span span;
  double number = 0;
  bool is_integer = false;
  std::string unit;  // "deg", "%", … ; empty when none
  Span unit_span;
  std::string text;
  bool bool_value = false;
  char op = 0;
  std::vector<ExprPtr> items;
  Ident callee;
  std::vector<Arg> args;
  // Levels of operators, calls and brackets from this one down to its deepest leaf (a leaf is 0). The parser
  // refuses expressions deeper than limits::kMaxExprDepth, so every later recursion over one is bounded.
  std::uint32_t depth = 0;
};

enum class DomainKind {
  IntRange,  // lo..hi, items = {lo, hi}
  Interval,  // [lo, hi], items = {lo, hi}
  Set,       // {a, b, …}, items = values
};

struct Domain {
  DomainKind kind = DomainKind::Interval;
  std::vector<ExprPtr> items;
  Span span;
};

struct TypeRef {
  enum class Kind { Named, List, InlineEnum } kind = Kind::Named;
  Ident name;                        // Named: `int`, `angle`, `interp`, …
  std::vector<Ident> enum_values;    // InlineEnum: `swap_lr | keep`
  std::unique_ptr<TypeRef> element;  // List: `[float]`
  Span span;
};

struct Param {
  Ident name;
  TypeRef type;
  std::optional<Domain> domain;
  ExprPtr default_value;  // null when the parameter is required
  Span span;
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

enum class StmtKind { Call, OneOf, SomeOf, Seq, Batch, Match };

// `@p(0.5)`, `@w(2)`
struct Annotation {
  Ident name;
  ExprPtr value;
  Span span;
};

struct MatchArm {
  Ident value;  // an enum value, or `_`
  StmtPtr body;
  Span span;
};

struct Stmt {
  StmtKind kind = StmtKind::Call;
  Span span;  // the whole statement, label and annotations included
  std::optional<Ident> label;
  // Call: callee and args. SomeOf: args of `some_of(...)`.
  Ident callee;
  std::vector<Arg> args;
  Span args_span;  // between the parentheses, parentheses included
  // OneOf, SomeOf, Seq, Batch: the keyword and the block.
  Span keyword_span;
  std::vector<StmtPtr> body;
  // Match: `match scrutinee { arms }`
  Ident scrutinee;
  std::vector<MatchArm> arms;
  std::vector<Annotation> annotations;
};

struct Import {
  bool is_path = false;  // `import "lib/x.aug"` vs `import std.vision`
  std::string target;    // "std.vision" or "lib/x.aug"
  Span target_span;
  Span span;
};

struct Const {
  Ident name;
  ExprPtr value;
  Span span;
};

struct EnumDecl {
  Ident name;
  std::vector<Ident> values;
  Span span;
};

// `image(rgb)`, `boxes(xyxy, normalized)`, `class(80)[]`, `text(en)?`
struct FieldType {
  Ident kind;
  std::vector<Arg> args;
  bool has_args = false;
  bool optional = false;  // `?`
  int list_depth = 0;     // number of `[]`
  Span span;
};

struct Field {
  Ident name;
  FieldType type;
  Span span;
};

struct Sample {
  Ident name;
  std::vector<Field> fields;
  Span span;
};

struct Policy {
  Ident name;
  std::vector<Param> params;
  Ident sample;
  bool deterministic = false;
  Span deterministic_span;
  std::vector<StmtPtr> body;
  Span header_span;  // `policy name(...) on Sample deterministic`
  Span span;
};

struct Transform {
  Ident name;
  std::vector<Param> params;
  std::vector<StmtPtr> body;
  Span header_span;
  Span span;
};

// `image`, `image(f32)`, `audio`, `spectrogram`, `text`, `batch`
struct KindPattern {
  Ident kind;
  std::vector<Arg> args;
  Span span;
};

// `boxes: enclose(boxes)` → key "boxes", value "enclose", param "boxes"
struct EffectEntry {
  Ident key;
  Ident value;
  std::optional<Ident> param;
  Span span;
};

// `one_of(n, p)` in an op's `requires { … }`
struct Requirement {
  Ident rule;
  std::vector<Ident> params;
  Span span;
};

struct CostEntry {
  Ident key;
  ExprPtr value;
  Span span;
};

struct OpDecl {
  Ident name;
  std::vector<Param> params;
  KindPattern input;
  KindPattern output;
  std::vector<Requirement> requirements;
  std::vector<EffectEntry> effects;
  std::vector<CostEntry> cost;
  std::string doc;
  Span doc_span;
  Span header_span;
  Span span;
};

struct Comment {
  std::string text;  // without the leading '#'
  Span span;
};

// Declarations keep their source order inside each vector.
struct File {
  FileId file = kNoFile;
  std::vector<Import> imports;
  std::vector<Const> consts;
  std::vector<EnumDecl> enums;
  std::vector<Sample> samples;
  std::vector<Policy> policies;
  std::vector<Transform> transforms;
  std::vector<OpDecl> ops;
  std::vector<Comment> comments;
};

}  // namespace auger::ast
