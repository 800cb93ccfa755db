#include "compiler/format/unified_diff.h"

#include <dtl/dtl.hpp>
#include <sstream>
#include <vector>

namespace auger::format {

namespace {

// Lines without their newline; a last line without one says so, as diff does, so that adding the final
// newline shows as a change.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start) + "\n\\ No newline at end of file");
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after, const std::string& path) {
  if (before == after) return {};
  std::vector<std::string> a = lines_of(before);
  std::vector<std::string> b = lines_of(after);
  dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
  diff.compose();
  diff.composeUnifiedHunks();
  std::ostringstream out;
  // git's a/ b/ prefixes for a relative path (`git apply` takes it); an absolute path is printed as it is.
  bool relative = path.empty() || path.front() != '/';
  out << "--- " << (relative ? "a/" : "") << path << "\n+++ " << (relative ? "b/" : "") << path << "\n";
  diff.printUnifiedFormat(out);
  return out.str();
}

}  // namespace auger::format
