// Which tokens an op changed: the shortest edit script between a text's tokens before and after the policy
// (dtl's Myers diff), a token compared with its tags, so a preview can highlight what is new and what is gone.
#pragma once

#include <vector>

#include "runtime/text/text_sample.h"

namespace auger::cli {

struct TokenDiff {
  std::vector<bool> removed;  // per token before: not kept in the result (dropped, replaced, moved away)
  std::vector<bool> added;    // per token after: not in the input there (inserted, replacing one, moved here)
};

TokenDiff diff_tokens(const std::vector<rt::text::Token>& before, const std::vector<rt::text::Token>& after);

}  // namespace auger::cli
