#include "engine/offline/run_options.h"

#include <stdexcept>

namespace auger::engine::offline {

std::size_t error_limit(const std::string& text, std::size_t items) {
  try {
    if (!text.empty() && text.back() == '%') {
      const double pct = std::stod(text.substr(0, text.size() - 1));
      if (!(pct >= 0 && pct <= 100)) throw std::invalid_argument(text);
      return static_cast<std::size_t>(pct / 100.0 * static_cast<double>(items));
    }
    std::size_t used = 0;
    const long long n = std::stoll(text, &used);
    if (used != text.size() || n < 0) throw std::invalid_argument(text);
    return static_cast<std::size_t>(n);
  } catch (const std::exception&) {
    throw std::invalid_argument("--max-errors takes a count (25) or a rate (1.5%), not `" + text + "`");
  }
}

}  // namespace auger::engine::offline
