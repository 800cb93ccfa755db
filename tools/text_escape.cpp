#include "tools/text_escape.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace auger::cli {

namespace {

bool is_control(UChar32 c) {
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

// Calls `f(c, bytes)` for each code point (c < 0 for an invalid byte, `bytes` its UTF-8).
template <typename F>
void each_code_point(std::string_view s, F f) {
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    f(c, s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
}

std::string hex_escape(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes) out += fmt::format("\\x{:02x}", b);
  return out;
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](UChar32 c, std::string_view bytes) {
    switch (c) {
      case '&': out += "&amp;"; return;
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '"': out += "&quot;"; return;
      case '\'': out += "&#39;"; return;
      case '\t':
      case '\n':
      case '\r': out += static_cast<char>(c); return;
      default: break;
    }
    if (c < 0)
      out += "\xEF\xBF\xBD";  // U+FFFD
    else if (is_control(c))
      out += hex_escape(bytes);
    else
      out += bytes;
  });
  return out;
}

std::string plain_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](UChar32 c, std::string_view bytes) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0 || is_control(c))
      out += hex_escape(bytes);
    else
      out += bytes;
  });
  return out;
}

int display_width(std::string_view s) {
  int w = 0;
  each_code_point(s, [&](UChar32 c, std::string_view bytes) {
    if (c < 0) {
      w += static_cast<int>(bytes.size());
      return;
    }
    const auto gc = U_GET_GC_MASK(c);
    if (gc & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK)) return;
    const auto ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    w += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
  });
  return w;
}

}  // namespace auger::cli
