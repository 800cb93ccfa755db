#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "compiler/sema/checker.h"
#include "compiler/sema/stdlib_files.h"

namespace auger {

namespace {
std::size_t distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}
}  // namespace

std::string closest(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(1, (name.size() + 2) / 3) + 1;
  for (const auto& c : candidates) {
    if (c == name) continue;
    // The distance is at least the difference in length: skip the O(n·m) table (a megabyte-long name).
    std::size_t gap = name.size() > c.size() ? name.size() - c.size() : c.size() - name.size();
    if (gap >= best_d) continue;
    auto dd = distance(name, c);
    if (dd < best_d) {
      best_d = dd;
      best = c;
    }
  }
  return best;
}

std::string stdlib_module_declaring(const std::string& name) {
  // A text scan of the embedded modules is enough for a hint, and loads nothing.
  for (const auto& f : stdlib_files()) {
    if (f.name.rfind("prims", 0) == 0) continue;
    for (const char* kw : {"transform ", "const "}) {
      std::string head = std::string(kw) + name;
      for (std::size_t at = f.text.find(head); at != std::string_view::npos; at = f.text.find(head, at + 1)) {
        bool line_start = at == 0 || f.text[at - 1] == '\n';
        std::size_t after = at + head.size();
        bool word_end = after >= f.text.size() ||
                        !(std::isalnum(static_cast<unsigned char>(f.text[after])) || f.text[after] == '_');
        if (line_start && word_end) return "std." + std::string(f.name);
      }
    }
  }
  return "";
}

}  // namespace auger
