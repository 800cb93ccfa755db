// EDA's stop words: the list of eda.py (Wei and Zou 2019), `stop_words`, including its empty string (a token with
// no word in it, punctuation only, is never replaced).
#pragma once

#include <string_view>

namespace auger::rt::text {

bool is_stop_word(std::string_view lower_word);

}  // namespace auger::rt::text
