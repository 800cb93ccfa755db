// Reads value expressions back from the text VExpr::to_string prints: the IR parser's arguments and the values
// of `--set name=value`.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "compiler/ir/text_scanner.h"
#include "compiler/sema/value.h"

namespace auger::ir {

// A policy parameter an expression may name.
struct ParamRef {
  int index = -1;
  Dim dim = Dim::None;
  bool is_int = false;
};
// nullopt: the identifier is not a parameter (it is then an enum value, or a bool for true/false).
using ParamNames = std::function<std::optional<ParamRef>(const std::string&)>;

// Parses one expression at the scanner's position. Binary operations are parenthesised as printed; a list of
// constants is a constant list value. On failure returns null and writes `error`.
VExprPtr parse_vexpr(Scanner& s, const ParamNames& params, std::string& error);

// Dimension and integrality of a parameter from its printed type ("angle in [-30deg, 30deg]" → angle).
ParamRef param_ref_from_type(const std::string& type, int index);

}  // namespace auger::ir
