#include "tools/u64_option.h"

#include <charconv>

namespace auger::cli {

namespace {

// Rewrites the text as canonical decimal (`007` → `7`) for CLI11 to convert; otherwise says why not.
std::string canonical_u64(std::string& text) {
  std::uint64_t v = 0;
  const char* end = text.data() + text.size();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (!digits || ec != std::errc() || ptr != end)
    return "`" + text + "` is not a whole number in 0.." + std::to_string(UINT64_MAX);
  text = std::to_string(v);
  return "";
}

}  // namespace

CLI::Option* add_u64_option(CLI::App& cmd, const std::string& name, std::uint64_t& target, const std::string& help) {
  return cmd.add_option(name, target, help)->transform(CLI::Validator(canonical_u64, "UINT64"));
}

}  // namespace auger::cli
