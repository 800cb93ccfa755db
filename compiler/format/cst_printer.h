// The canonical text of one `.aug` file, from its token stream and parse tree (the grammar keeps comments on
// the hidden channel for this). The caller has already parsed the file without syntax errors.
#pragma once

#include <string>
#include <string_view>

namespace auger::format {

// Throws std::runtime_error if the text does not parse after all (a bug: the caller checked it).
std::string print_canonical(std::string_view bytes, int width);

}  // namespace auger::format
