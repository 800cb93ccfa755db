// A unified diff (`diff -u` style, 3 lines of context) between two texts, for `auger fmt --check`. Built on
// Debian's dtl (libdtl-dev).
#pragma once

#include <string>

namespace auger::format {

// Empty when the texts are equal; otherwise `--- a/PATH`, `+++ b/PATH` (no a/, b/ for an absolute PATH) and the
// hunks, ending with a newline.
std::string unified_diff(const std::string& before, const std::string& after, const std::string& path);

}  // namespace auger::format
