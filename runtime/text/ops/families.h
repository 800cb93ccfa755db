// The text ops, one file per family; runtime/text/text_ops.cpp joins them.
#pragma once

#include <vector>

#include "runtime/text/text_op.h"

namespace auger::rt::text {

std::vector<TextOp> eda_ops();        // token_dropout, random_swap, random_insert, synonym_replace (eda_ops.cpp)
std::vector<TextOp> char_ops();       // char_noise (char_noise.cpp)
std::vector<TextOp> translate_ops();  // back_translate (back_translate.cpp)

}  // namespace auger::rt::text
