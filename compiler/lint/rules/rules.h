// Every lint rule, one file each in this folder; rule_table.cpp lists them in code order.
#pragma once

#include "compiler/lint/rule.h"

namespace auger::lint::rules {

extern const LintRule kSolarizeInvertsAll;  // AUG101
extern const LintRule kZeroFactor;          // AUG102
extern const LintRule kErasesMost;          // AUG103
extern const LintRule kHueHalfTurn;         // AUG104
extern const LintRule kNeverRuns;           // AUG201
extern const LintRule kRepeatedOp;          // AUG202
extern const LintRule kUnusedParameter;     // AUG301
extern const LintRule kPointDomain;         // AUG302
extern const LintRule kNoRandomness;        // AUG303
extern const LintRule kCropEmptiesBoxes;    // AUG401
extern const LintRule kOverBudget;          // AUG501

}  // namespace auger::lint::rules
