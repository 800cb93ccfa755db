#include "compiler/sema/keyword_arguments.h"

#include <array>

namespace auger {

const KeywordArgument* keyword_argument(std::string_view op, std::string_view param, std::string_view keyword) {
  static constexpr std::array<KeywordArgument, 1> kTable{{
      {"random_erasing", "value", "random", "noise"},
  }};
  for (const auto& k : kTable)
    if (k.op == op && k.param == param && k.keyword == keyword) return &k;
  return nullptr;
}

}  // namespace auger
