// Word swaps of `hflip(caption: swap_lr)` and `vflip(caption: swap_tb)`; the rules are in caption_swap.h.
#include "runtime/labels/caption_swap.h"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>

namespace auger::rt::labels {
namespace {

bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
char to_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// What may follow the stem "left" or "right" in a swapped word (lower-case; compared case-insensitively).
constexpr std::array<std::string_view, 11> kSuffixes = {
    "", "most", "ward", "wards", "hand", "handed", "hander", "handers", "handedness", "y", "ies",
};

bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != lower[i]) return false;
  return true;
}

bool is_suffix(std::string_view rest) {
  for (std::string_view s : kSuffixes)
    if (iequals(rest, s)) return true;
  return false;
}

// Appends `stem` (lower-case) to `out` in the case of `was`: all upper, capitalised or lower.
void append_stem(std::string& out, std::string_view stem, std::string_view was) {
  bool all_upper = true;
  for (char c : was) all_upper = all_upper && is_upper(c);
  for (std::size_t i = 0; i < stem.size(); ++i)
    out += (all_upper || (i == 0 && is_upper(was[0]))) ? to_upper(stem[i]) : stem[i];
}

// One pair of words a mirror exchanges, and what may follow either stem (lower-case).
struct SwapPair {
  std::string_view a, b;
  std::initializer_list<std::string_view> suffixes;
};

const std::initializer_list<SwapPair> kLeftRight = {{"left", "right", {}}};
// vflip(caption: swap_tb): top/bottom (topmost), above/below, upper/lower (uppermost/lowermost),
// upward(s)/downward(s). Not "up"/"down" alone ("up to", "sit down" are not directions often enough) nor the
// plurals "tops"/"bottoms" (clothes).
const std::initializer_list<SwapPair> kTopBottom = {{"top", "bottom", {"", "most"}},
                                                    {"above", "below", {""}},
                                                    {"upper", "lower", {"", "most"}},
                                                    {"upward", "downward", {"", "s"}}};

bool has_suffix(std::string_view rest, std::initializer_list<std::string_view> suffixes) {
  if (suffixes.size() == 0) return is_suffix(rest);
  for (std::string_view s : suffixes)
    if (iequals(rest, s)) return true;
  return false;
}

// Appends the swapped form of the ASCII word `w`, or `w` itself when no pair names it.
void append_word(std::string& out, std::string_view w, std::initializer_list<SwapPair> pairs) {
  for (const auto& pair : pairs)
    for (auto [from, to] : {std::pair{pair.a, pair.b}, std::pair{pair.b, pair.a}}) {
      if (w.size() < from.size() || !iequals(w.substr(0, from.size()), from)) continue;
      std::string_view rest = w.substr(from.size());
      if (!has_suffix(rest, pair.suffixes)) continue;
      append_stem(out, to, w.substr(0, from.size()));
      out += rest;
      return;
    }
  out += w;
}

std::string swap_words(std::string_view caption, std::initializer_list<SwapPair> pairs) {
  std::string out;
  out.reserve(caption.size() + caption.size() / 8);
  std::size_t i = 0;
  while (i < caption.size()) {
    std::size_t j = i;
    if (is_word_byte(caption[i])) {
      while (j < caption.size() && is_word_byte(caption[j])) ++j;
      append_word(out, caption.substr(i, j - i), pairs);
    } else {
      while (j < caption.size() && !is_word_byte(caption[j])) ++j;
      out += caption.substr(i, j - i);
    }
    i = j;
  }
  return out;
}

}  // namespace

std::string swap_left_right(std::string_view caption) {
  return swap_words(caption, kLeftRight);
}

std::string swap_top_bottom(std::string_view caption) {
  return swap_words(caption, kTopBottom);
}

}  // namespace auger::rt::labels
