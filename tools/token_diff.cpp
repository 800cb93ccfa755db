#include "tools/token_diff.h"

#include <dtl/dtl.hpp>
#include <string>

namespace auger::cli {

namespace {

// A token with its tags as one comparable string (a tag changing is a change too).
std::vector<std::string> keys(const std::vector<rt::text::Token>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) {
    std::string k = t.text;
    for (const auto& tag : t.tags) k += '\x1f' + tag;
    out.push_back(std::move(k));
  }
  return out;
}

// Myers' diff takes time (N + M) * D: past this many tokens on a side (a whole page back-translated, say) the
// tokens are compared position by position instead, so that one huge sample cannot stall a preview.
constexpr std::size_t kMaxDiffTokens = 5000;

TokenDiff positional(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  TokenDiff d{std::vector<bool>(a.size(), true), std::vector<bool>(b.size(), true)};
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) d.removed[i] = d.added[i] = a[i] != b[i];
  return d;
}

}  // namespace

TokenDiff diff_tokens(const std::vector<rt::text::Token>& before, const std::vector<rt::text::Token>& after) {
  const auto a = keys(before), b = keys(after);
  if (a.size() > kMaxDiffTokens || b.size() > kMaxDiffTokens) return positional(a, b);
  TokenDiff d{std::vector<bool>(before.size(), false), std::vector<bool>(after.size(), false)};
  dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
  diff.onHuge();  // a long text keeps its memory bounded
  diff.compose();
  std::size_t i = 0, j = 0;
  for (const auto& [elem, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_DELETE && i < d.removed.size())
      d.removed[i++] = true;
    else if (info.type == dtl::SES_ADD && j < d.added.size())
      d.added[j++] = true;
    else if (info.type == dtl::SES_COMMON)
      ++i, ++j;
  }
  return d;
}

}  // namespace auger::cli
