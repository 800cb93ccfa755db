#include "runtime/text/tokenize.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace auger::rt::text {

namespace {

// Scripts written without spaces between words: ICU's dictionary-based word boundaries split them.
bool spaceless_script(UChar32 c) {
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(c, &err)) {
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR: return true;
    default: return false;
  }
}

// ASCII's White_Space characters: tab, line feed, vertical tab, form feed, carriage return, space (the ICU
// lookup is kept for the rest; most text is ASCII and this is the hot loop).
bool ascii_space(UChar32 c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0d);
}

bool ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

struct BreakCloser {
  void operator()(UBreakIterator* b) const { ubrk_close(b); }
};

// Appends the ICU word segments of `run` (no whitespace inside) as tokens, the first with gap `gap`.
void split_words(std::string_view run, std::string gap, TextSample& s) {
  UErrorCode err = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, run.data(), static_cast<int64_t>(run.size()), &err);
  std::unique_ptr<UBreakIterator, BreakCloser> bi(ubrk_open(UBRK_WORD, "", nullptr, 0, &err));
  if (U_SUCCESS(err)) ubrk_setUText(bi.get(), ut, &err);
  if (U_FAILURE(err)) {
    utext_close(ut);
    throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(err));
  }
  for (int32_t a = ubrk_first(bi.get()), b = ubrk_next(bi.get()); b != UBRK_DONE; a = b, b = ubrk_next(bi.get())) {
    s.tokens.push_back({std::string(run.substr(a, b - a)), std::move(gap), {}});
    gap.clear();
  }
  utext_close(ut);
}

}  // namespace

TextSample tokenize(std::string_view utf8) {
  if (utf8.size() > kMaxTextBytes)
    throw std::runtime_error("text of " + std::to_string(utf8.size()) + " bytes is over the limit of " +
                             std::to_string(kMaxTextBytes) + " bytes per sample");
  TextSample s;
  // One token per run of non-whitespace: reserving for every space's run spares the vector's regrowth.
  s.tokens.reserve(static_cast<std::size_t>(std::count(utf8.begin(), utf8.end(), ' ')) + 1);
  std::string gap;
  std::size_t run_begin = 0;
  bool in_run = false, spaceless = false;
  auto end_run = [&](std::size_t end) {
    const auto run = utf8.substr(run_begin, end - run_begin);
    if (spaceless)
      split_words(run, std::move(gap), s);
    else
      s.tokens.emplace_back(std::string(run), std::move(gap), std::vector<std::string>{});
    gap.clear();
    in_run = spaceless = false;
  };
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    if (const auto b = static_cast<unsigned char>(utf8[at]); b < 0x80) {  // ASCII, most text: no decoding
      ++i;
      if (ascii_space(b)) {
        if (in_run) end_run(static_cast<std::size_t>(at));
        gap.push_back(static_cast<char>(b));
      } else if (!in_run) {
        in_run = true;
        run_begin = static_cast<std::size_t>(at);
      }
      continue;
    }
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) throw std::runtime_error("invalid UTF-8 at byte " + std::to_string(at));
    if (c < 0x80 ? ascii_space(c) : u_isUWhiteSpace(c)) {
      if (in_run) end_run(static_cast<std::size_t>(at));
      gap.append(utf8.substr(at, i - at));
      continue;
    }
    if (!in_run) {
      in_run = true;
      run_begin = static_cast<std::size_t>(at);
    }
    spaceless = spaceless || (c >= 0x80 && spaceless_script(c));
  }
  if (in_run) end_run(utf8.size());
  if (s.tokens.empty()) throw std::runtime_error(utf8.empty() ? "empty text" : "text holds only whitespace");
  s.lead = std::move(s.tokens.front().gap);
  s.tokens.front().gap.clear();
  s.trail = std::move(gap);
  return s;
}

std::string detokenize(const TextSample& s) {
  std::size_t size = s.lead.size() + s.trail.size();
  for (const auto& t : s.tokens) size += t.gap.size() + t.text.size();
  std::string out;
  out.reserve(size);
  out += s.lead;
  for (const auto& t : s.tokens) out.append(t.gap).append(t.text);
  return out += s.trail;
}

WordCore word_core(std::string_view token) {
  const auto n = static_cast<int32_t>(token.size());
  int32_t begin = 0, end = n;
  // Leading and trailing characters that are neither letters, digits nor marks are punctuation around the word.
  auto is_word_char = [](UChar32 c) {
    return c < 0x80 ? ascii_alnum(c) : (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
  };
  while (begin < end) {
    int32_t i = begin;
    UChar32 c;
    U8_NEXT(token.data(), i, n, c);
    if (is_word_char(c)) break;
    begin = i;
  }
  while (end > begin) {
    int32_t i = end;
    UChar32 c;
    U8_PREV(token.data(), 0, i, c);
    if (is_word_char(c)) break;
    end = i;
  }
  WordCore w{std::string(token.substr(begin, end - begin)), static_cast<std::size_t>(begin),
             static_cast<std::size_t>(end)};
  for (auto& ch : w.lower)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return w;
}

}  // namespace auger::rt::text
