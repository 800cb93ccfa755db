#include "compiler/syntax/lexical.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <system_error>

namespace auger::syntax {

namespace {

// Bytes a UTF-8 sequence claims from its lead byte; 1 for anything that cannot lead one.
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

DecodedText decode_utf8(std::string_view bytes) {
  DecodedText out;
  out.code_points.reserve(bytes.size());
  out.byte_offsets.reserve(bytes.size() + 1);
  std::size_t i = 0;
  while (i < bytes.size()) {
    auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t len = utf8_length(lead);
    char32_t cp = 0xFFFD;
    bool ok = len == 1 ? lead < 0x80 : i + len <= bytes.size();
    if (len == 1 && ok) {
      cp = lead;
    } else if (ok) {
      char32_t value = lead & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len && ok; ++k) {
        auto b = static_cast<unsigned char>(bytes[i + k]);
        ok = (b & 0xC0) == 0x80;
        value = (value << 6) | (b & 0x3F);
      }
      // Overlong forms, surrogates and values past U+10FFFF are invalid, as the runtime's converter says.
      static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = ok && value >= kMin[len] && value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF);
      if (ok) cp = value;
    }
    if (!ok) len = 1;
    out.code_points.push_back(cp);
    out.byte_offsets.push_back(static_cast<std::uint32_t>(i));
    i += len;
  }
  out.byte_offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  return out;
}

std::uint32_t SourceText::byte_offset(std::size_t cp_index) const {
  if (offsets_.empty()) return 0;
  return offsets_[std::min(cp_index, offsets_.size() - 1)];
}

Span SourceText::span(std::size_t first, std::size_t last) const {
  std::uint32_t begin = byte_offset(first);
  // `last + 1` overflows to 0 for ANTLR's invalid index; an empty span is the safe answer then.
  std::uint32_t end = last + 1 > first ? byte_offset(last + 1) : begin;
  return {file_, begin, std::max(begin, end)};
}

Span SourceText::empty_span_at(std::size_t cp_index) const {
  std::uint32_t at = byte_offset(cp_index);
  return {file_, at, at};
}

std::string_view SourceText::text(Span span) const {
  if (span.begin > bytes_.size() || span.end > bytes_.size() || span.end < span.begin) return {};
  return bytes_.substr(span.begin, span.end - span.begin);
}

const std::vector<std::string_view>& known_units() {
  static const std::vector<std::string_view> units = {"deg", "rad", "ms", "s", "kHz", "Hz", "dB", "px", "%"};
  return units;
}

std::optional<std::string_view> closest_unit(std::string_view unit) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 3;
  for (std::string_view known : known_units()) {
    std::size_t d = edit_distance(unit, known);
    // A one-letter unit is one edit away from every short typo; only suggest it on a case slip.
    if (known.size() == 1 && d > 0) continue;
    if (d < best_distance) {
      best_distance = d;
      best = known;
    }
  }
  if (best && best_distance > 0 && best_distance * 2 > unit.size() + 1) return std::nullopt;
  return best;
}

std::optional<std::string_view> closest_declaration_keyword(std::string_view word) {
  static constexpr std::string_view kKeywords[] = {"import", "const", "enum", "sample", "policy", "transform", "op"};
  if (word.size() < 3) return std::nullopt;
  for (std::string_view keyword : kKeywords) {
    std::size_t d = edit_distance(word, keyword);
    if (d > 0 && d <= (keyword.size() >= 6 ? 2U : 1U)) return keyword;
  }
  return std::nullopt;
}

NumberParts split_number(std::string_view text) {
  NumberParts parts;
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) ++i;
  bool fraction = false;
  bool exponent = false;
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    fraction = true;
    i += 1;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      exponent = true;
      i = j;
      while (i < text.size() && is_digit(text[i])) ++i;
    }
  }
  parts.digits = text.substr(0, i);
  parts.unit = text.substr(i);
  parts.is_integer = !fraction && !exponent;
  const char* first = parts.digits.data();
  const char* last = first + parts.digits.size();
  auto [ptr, ec] = std::from_chars(first, last, parts.value);
  parts.valid = !parts.digits.empty() && ec == std::errc() && ptr == last;
  // Integers travel as doubles; past 2^53 they would silently change value.
  if (parts.valid && parts.is_integer && parts.value > 9007199254740992.0) parts.valid = false;
  return parts;
}

void check_number_token(std::string_view text, Span span, DiagEngine& diags) {
  NumberParts parts = split_number(text);
  if (parts.unit == "e" || parts.unit == "E") {
    diags.report(DiagId::InvalidNumber, span, text).note({}, "an exponent needs digits, as in `1e3` or `2.5e-4`");
    return;
  }
  if (!parts.valid) {
    auto& d = diags.report(DiagId::InvalidNumber, span, text);
    if (parts.is_integer)
      d.note({}, "integers must be at most 2^53 (9007199254740992)");
    else
      d.note({}, "the value does not fit a 64-bit float");
    return;
  }
  if (parts.unit.empty()) return;
  auto is_known = std::find(known_units().begin(), known_units().end(), parts.unit) != known_units().end();
  if (is_known) return;
  Span unit_span{span.file, span.begin + static_cast<std::uint32_t>(parts.digits.size()), span.end};
  auto& d = diags.report(DiagId::UnknownUnit, unit_span, parts.unit);
  if (auto suggestion = closest_unit(parts.unit)) {
    d.fix(unit_span, std::string(*suggestion),
          "did you mean `" + std::string(parts.digits) + std::string(*suggestion) + "`?");
  }
  d.note({}, "known units: deg, rad, ms, s, kHz, Hz, dB, px, %");
}

void check_bad_number_token(std::string_view text, Span span, DiagEngine& diags) {
  diags.report(DiagId::InvalidNumber, span, text)
      .note({}, "a number starts with a digit")
      .fix(Span{span.file, span.begin, span.begin}, "0", "write `0" + std::string(text) + "`");
}

void check_string_token(std::string_view text, Span span, bool terminated, DiagEngine& diags) {
  std::size_t body_end = terminated && text.size() >= 2 ? text.size() - 1 : text.size();
  for (std::size_t i = 1; i < body_end; ++i) {
    if (text[i] != '\\') continue;
    if (i + 1 >= body_end) break;  // a trailing `\` of an unterminated string: E0102 says enough
    char c = text[i + 1];
    std::size_t len = std::min(utf8_length(static_cast<unsigned char>(c)), body_end - (i + 1));
    if (c != '"' && c != '\\' && c != 'n') {
      Span at{span.file, span.begin + static_cast<std::uint32_t>(i),
              span.begin + static_cast<std::uint32_t>(i + 1 + len)};
      auto& d = diags.report(DiagId::InvalidEscape, at, text.substr(i + 1, len));
      if (c == 't')
        d.note({}, "write a tab character directly");
      else
        d.fix(at, "\\\\" + std::string(text.substr(i + 1, len)), "escape the backslash");
    }
    i += len;
  }
  if (!terminated) {
    diags.report(DiagId::UnterminatedString, span)
        .note({}, "a string ends on the line it starts")
        .fix(Span{span.file, span.end, span.end}, "\"", "close the string");
  }
}

std::string unescape_string(std::string_view token_text, bool terminated) {
  std::string_view body = token_text.size() >= 1 ? token_text.substr(1) : token_text;
  if (terminated && !body.empty()) body.remove_suffix(1);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    char c = body[++i];
    if (c == 'n')
      out += '\n';
    else if (c == '"' || c == '\\')
      out += c;
    else
      (out += '\\') += c;  // invalid (already reported): keep it as written
  }
  return out;
}

}  // namespace auger::syntax
