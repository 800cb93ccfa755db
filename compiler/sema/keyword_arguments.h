// Arguments the spec writes with a keyword that the op's declared type cannot hold: ops.md §2 gives
// random_erasing `value: number | random`, and a `color` parameter holds numbers only, so `value: random` binds the
// op's own `noise: true` (torchvision's value='random'). One table; docs/ops.md lists it.
#pragma once

#include <string_view>

namespace auger {

struct KeywordArgument {
  std::string_view op, param, keyword;  // `op(param: keyword)`
  std::string_view binds;               // … binds this bool parameter of the op to true instead
};

// The entry for `op(param: keyword)`, or nullptr.
const KeywordArgument* keyword_argument(std::string_view op, std::string_view param, std::string_view keyword);

}  // namespace auger
