// Lexical helpers shared by the parser driver and the transformer: UTF-8 decoding with a code point →
// byte offset map (ANTLR indexes code points, spans are bytes), number/unit splitting, string unescaping.
// Internal to compiler/syntax; no ANTLR type appears here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diag_engine.h"

namespace auger::syntax {

// The file as code points for the lexer, plus where each code point starts in the original bytes.
// Invalid UTF-8 bytes decode to U+FFFD one byte at a time, so any input lexes (as stray characters).
struct DecodedText {
  std::u32string code_points;
  std::vector<std::uint32_t> byte_offsets;  // size code_points.size() + 1; the last is the file size
};
DecodedText decode_utf8(std::string_view bytes);

// Maps ANTLR's code point indices to byte spans of one file.
class SourceText {
 public:
  SourceText(FileId file, std::string_view bytes, std::vector<std::uint32_t> byte_offsets)
      : file_(file), bytes_(bytes), offsets_(std::move(byte_offsets)) {}

  [[nodiscard]] FileId file() const { return file_; }
  [[nodiscard]] std::uint32_t byte_offset(std::size_t cp_index) const;
  // [first, last] inclusive code point indices, as ANTLR tokens give them; last < first means empty.
  [[nodiscard]] Span span(std::size_t first, std::size_t last) const;
  [[nodiscard]] Span empty_span_at(std::size_t cp_index) const;
  [[nodiscard]] std::string_view text(Span span) const;

 private:
  FileId file_;
  std::string_view bytes_;
  std::vector<std::uint32_t> offsets_;
};

// The known unit suffixes, as written (docs/language.md §2).
const std::vector<std::string_view>& known_units();
// The closest known unit to `unit` (case-insensitive edit distance ≤ 2), if any.
std::optional<std::string_view> closest_unit(std::string_view unit);

// The declaration keyword `word` is probably a typo of (`polcy` → `policy`), if any.
std::optional<std::string_view> closest_declaration_keyword(std::string_view word);

struct NumberParts {
  std::string_view digits;  // "30", "0.5", "1e-3"
  std::string_view unit;    // "deg", "%", "" …
  bool is_integer = false;  // written without '.' or exponent
  bool valid = true;        // false: no value could be read (overflow, dangling exponent)
  double value = 0;
};
// Splits a NUMBER token's text (`30deg`, `1.5e3ms`, `50%`) into its numeric value and unit.
NumberParts split_number(std::string_view text);

// Reports E0104/E0105 for a NUMBER token whose text spans `span`.
void check_number_token(std::string_view text, Span span, DiagEngine& diags);
// Reports E0105 for `.5`.
void check_bad_number_token(std::string_view text, Span span, DiagEngine& diags);
// Reports E0103 for each invalid escape and, when `terminated` is false, E0102.
void check_string_token(std::string_view text, Span span, bool terminated, DiagEngine& diags);

// The value of a string token (quotes removed, escapes resolved; an invalid escape keeps its character).
std::string unescape_string(std::string_view token_text, bool terminated);

}  // namespace auger::syntax
