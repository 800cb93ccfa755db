// The one list of lint rules (rule_table.cpp), in code order.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/lint/rule.h"

namespace auger::lint {

const std::vector<const LintRule*>& all_rules();
const LintRule* find_rule(std::string_view code);

}  // namespace auger::lint
