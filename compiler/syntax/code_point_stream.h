// ANTLR's input over already-decoded code points. The runtime's own UTF-8 decoder throws on invalid input; ours
// (compiler/syntax/lexical) never does and keeps the offset map, so the parser and the formatter both start here.
#pragma once

#include <string>
#include <utility>

#include "antlr4-runtime.h"

namespace auger::syntax {

class CodePointStream final : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointStream(std::u32string code_points) {
    _data = std::move(code_points);
    p = 0;
  }
};

}  // namespace auger::syntax
