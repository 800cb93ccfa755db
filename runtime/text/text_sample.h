// A text field as the text ops see it: its tokens (docs/text.md "Tokens"), each with the whitespace that came
// before it in the original and one tag per aligned `tags(T)[]` field, so that an op which drops, swaps or inserts
// a token moves its tags and its spacing with it (language.md §7 rule 8).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace auger::rt::text {

struct Token {
  std::string text;               // UTF-8, never empty, no White_Space
  std::string gap;                // the whitespace before it (empty for the first token)
  std::vector<std::string> tags;  // one per aligned tags field, in TextSample::tag_fields order
};

struct TextSample {
  std::string lead, trail;  // whitespace before the first token and after the last
  std::vector<Token> tokens;
  std::vector<std::string> tag_fields;  // the names of the tags fields aligned with the tokens
  std::string lang = "en";              // the field's language, `text(lang)`
};

}  // namespace auger::rt::text
