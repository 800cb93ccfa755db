// Which comments belong to which token, and where blank lines were. Internal to compiler/format.
//
// A comment after a token on the same line is that token's trailing comment; any other comment leads the next
// token (the end of file included). Tokens the formatter drops (`;`, trailing commas, entry separators) never
// own comments: theirs go to their neighbours by the same rule, so no comment is lost.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/format/layout.h"

namespace antlr4 {
class BufferedTokenStream;
class Token;
}  // namespace antlr4

namespace auger::format {

// The file's text, addressed by code point as ANTLR addresses it.
class CodePointText {
 public:
  CodePointText(std::string_view bytes, std::vector<std::uint32_t> byte_offsets, const std::u32string& code_points);
  [[nodiscard]] std::string text(std::size_t first, std::size_t last) const;  // inclusive code point indices
  [[nodiscard]] int line(std::size_t cp) const;                               // 0-based
  [[nodiscard]] int column(std::size_t cp) const;                             // code points from line start

 private:
  std::string_view bytes_;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::size_t> line_starts_;
};

class TokenNotesTable {
 public:
  // `dropped[i]` is true for token index i when the formatter leaves the token out.
  TokenNotesTable(antlr4::BufferedTokenStream& tokens, const CodePointText& text, const std::vector<bool>& dropped);
  [[nodiscard]] const TokenNotes* notes(std::size_t token_index) const { return &notes_.at(token_index); }
  // True when a comment lies strictly inside the tokens [open, close] (after open, before close).
  [[nodiscard]] bool comments_between(std::size_t open, std::size_t close) const;

 private:
  std::vector<TokenNotes> notes_;
};

}  // namespace auger::format
