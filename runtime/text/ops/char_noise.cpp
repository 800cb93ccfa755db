// char_noise: typo noise inside tokens (the formula of its doc in stdlib/std/prims_text.aug, after nlpaug's
// KeyboardAug and RandomCharAug). Tokens are never created or removed, so tags stay aligned.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "runtime/text/keyboard.h"
#include "runtime/text/ops/families.h"

namespace auger::rt::text {

namespace {

std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(s.substr(at, i - at));
  }
  return out;
}

// The token's characters as a reader sees them: ICU's grapheme clusters (a letter with its combining accents, a
// Devanagari consonant with its vowel sign), so a deletion never leaves an accent alone and a swap never moves
// one onto another letter. ASCII needs no ICU: each byte is its own cluster (a token holds no CR LF pair).
std::vector<std::string> characters(const std::string& s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return code_points(s);
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  UText* text = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
  if (U_FAILURE(status) || !it) {
    utext_close(text);
    return code_points(s);
  }
  it->setText(text, status);
  std::vector<std::string> out;
  // The iterator's boundaries over UTF-8 text are byte offsets.
  for (int32_t at = it->first(), next = it->next(); next != icu::BreakIterator::DONE; at = next, next = it->next())
    out.push_back(s.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(next - at)));
  utext_close(text);
  return U_FAILURE(status) ? code_points(s) : out;
}

UChar32 first_code_point(const std::string& cp) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(cp.data(), i, static_cast<int32_t>(cp.size()), c);
  return c;
}

// A cluster is hit when its base character is a letter or digit.
bool letter_or_digit(const std::string& cluster) {
  return u_isalnum(first_code_point(cluster));
}

// A neighbour on the QWERTY map, the case kept; the character itself when it has none (a non-ASCII letter).
std::string keyboard_typo(const std::string& cp, Draws& d) {
  if (cp.size() != 1) return cp;
  const char c = cp[0];
  const bool upper = c >= 'A' && c <= 'Z';
  const auto near = keyboard_neighbours(upper ? static_cast<char>(c - 'A' + 'a') : c);
  if (near.empty()) return cp;
  char out = near[d.choice(near.size())];
  if (upper && out >= 'a' && out <= 'z') out = static_cast<char>(out - 'a' + 'A');
  return std::string(1, out);
}

std::string noisy(const std::string& token, const std::string& kind, double p, Draws& d) {
  auto cps = characters(token);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const bool hittable = letter_or_digit(cps[i]) && !(kind == "swap" && i + 1 == cps.size());
    if (!hittable || !d.bernoulli(p)) {
      out.push_back(cps[i]);
    } else if (kind == "keyboard") {
      out.push_back(keyboard_typo(cps[i], d));
    } else if (kind == "swap") {
      out.push_back(cps[i + 1]);  // the pair is done: the moved character is not hit again
      out.push_back(cps[i]);
      ++i;
    } else if (out.size() + (cps.size() - i - 1) == 0) {  // delete, but never the token's last character
      out.push_back(cps[i]);
    }
  }
  std::string s;
  for (const auto& cp : out) s += cp;
  return s;
}

void char_noise(const Args& args, TextSample& s, Draws& d) {
  const double p = args.number("p");
  const std::string kind = args.text("kind", "keyboard");
  for (auto& t : s.tokens) t.text = noisy(t.text, kind, p, d);
}

}  // namespace

std::vector<TextOp> char_ops() {
  return {{OpId::CharNoise, char_noise}};
}

}  // namespace auger::rt::text
