// Compile-time values, value expressions (constants, parameters, random draws, arithmetic) and their ranges.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/sema/units.h"

namespace auger {

struct ParamInfo;

struct Value {
  enum class Kind { Number, String, Bool, Enum, List, Tuple } kind = Kind::Number;
  double number = 0;  // in the dimension's stored unit (degrees, seconds, …; `50%` is 0.5)
  bool is_int = false;
  Dim dim = Dim::None;
  std::string text;  // String, Enum
  bool boolean = false;
  std::vector<Value> items;  // List, Tuple

  static Value num(double v, bool is_int, Dim dim = Dim::None);
  [[nodiscard]] std::string to_string() const;  // as a user would write it: "30deg", "[0.08, 1]", "bilinear"
};

struct VExpr;
using VExprPtr = std::shared_ptr<const VExpr>;

// A value expression: what an argument evaluates to per application. Random nodes are drawn fresh per
// application of the statement that owns them; a node shared by several uses (a random value passed to a
// transform) is drawn once and seen by every use.
struct VExpr {
  enum class Kind {
    Const,    // value
    Param,    // a policy parameter: name, index
    Random,   // name ∈ uniform randint normal log_uniform choice signed; operands
    Unary,    // op '-'
    Binary,   // op + - * /
    Builtin,  // name ∈ min max round floor ceil int
    List,     // operands
  } kind = Kind::Const;
  Span span;
  Value value;
  std::string name;
  int index = -1;
  char op = 0;
  std::vector<VExprPtr> operands;
  Dim dim = Dim::None;
  bool is_int = false;
  const ParamInfo* param = nullptr;  // Param: its declaration (type, domain)
  // The size of the tree this node stands for, were every shared operand copied: its depth and node count
  // (saturating). A transform argument is shared, so `t(x: x + x)` doubles `nodes` per call without copying;
  // the checker refuses values past limits::kMaxValueDepth / kMaxValueNodes, which bounds every recursion.
  std::uint32_t depth = 1;
  std::uint32_t nodes = 1;

  [[nodiscard]] bool is_random() const;          // contains a Random node
  [[nodiscard]] bool depends_on_params() const;  // contains a Param node
  [[nodiscard]] std::string to_string() const;   // for printing IR and messages
};

// The set of values a scalar expression can take, as a closed interval (bounds may be infinite).
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool hi_open = false;  // uniform(a, b) never draws b
  [[nodiscard]] static Range point(double v) { return {v, v, false}; }
  [[nodiscard]] bool bounded() const;
  [[nodiscard]] std::string to_string(Dim dim) const;
};

// Ranges of policy parameters (from their domains, or their defaults).
using ParamRange = std::function<std::optional<Range>(const VExpr& param)>;

// The range of a scalar expression; nullopt when it is not a number or cannot be bounded statically.
std::optional<Range> range_of(const VExpr& e, const ParamRange& params);

// Folds an expression with no random value and no parameter to a Value; nullopt otherwise (or on an
// arithmetic error, which is then written to `error`).
std::optional<Value> fold(const VExpr& e, std::string* error = nullptr);

// fold() that asks `leaf` for the value of each Param and Random node (the sampler draws them per sample);
// nullopt from `leaf` makes the whole expression unfoldable.
using LeafValue = std::function<std::optional<Value>(const VExpr& leaf)>;
std::optional<Value> fold_with(const VExpr& e, const LeafValue& leaf, std::string* error = nullptr);

VExprPtr make_const(Value v, Span span);

}  // namespace auger
