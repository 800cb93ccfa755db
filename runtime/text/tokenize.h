// Tokenisation and detokenisation of text fields (docs/text.md "Tokens"): a token is a maximal run of characters
// that are not Unicode White_Space, except that a run holding characters of scripts written without spaces
// (ideographs, kana, Thai, Lao, Khmer, Myanmar) is split at ICU's word boundaries. Detokenising writes every
// surviving token with the whitespace it had before it, so text the ops did not touch keeps its bytes.
#pragma once

#include <string>
#include <string_view>

#include "runtime/text/text_sample.h"

namespace auger::rt::text {

// The longest text a sample may hold, in bytes (docs/text.md says why).
inline constexpr std::size_t kMaxTextBytes = 256 * 1024;

// Throws std::runtime_error for invalid UTF-8 (naming the byte offset), a text over kMaxTextBytes or a text with no
// token (empty or only whitespace).
TextSample tokenize(std::string_view utf8);
std::string detokenize(const TextSample& s);

// The word inside a token for WordNet and the stop words: the token without its leading and trailing punctuation
// and symbols, ASCII letters lower-cased ("Dog," -> "dog"). `begin`/`end` are its byte range in the token.
struct WordCore {
  std::string lower;
  std::size_t begin = 0, end = 0;
};
WordCore word_core(std::string_view token);

}  // namespace auger::rt::text
