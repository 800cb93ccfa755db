// runtime/text: tokens keep their spacing (docs/text.md "Tokens"), refusals of bad text, a token's word,
// WordNet's base forms as NLTK's morphy finds them and synonyms from Debian's wordnet-base, EDA's stop words.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "runtime/text/keyboard.h"
#include "runtime/text/stop_words.h"
#include "runtime/text/synonyms.h"
#include "runtime/text/tokenize.h"
#include "runtime/text/wordnet.h"

using namespace auger::rt::text;

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("tokens are whitespace runs, and detokenising gives the bytes back") {
  const std::string text = "  The dog,\tbarked\u00a0twice.\u3000Done ";
  const TextSample s = tokenize(text);
  REQUIRE(s.tokens.size() == 5);
  CHECK(s.tokens[1].text == "dog,");
  CHECK(s.tokens[2].gap == "\t");
  CHECK(s.tokens[3].gap == "\u00a0");  // a no-break space is White_Space
  CHECK(s.lead == "  ");
  CHECK(s.trail == " ");
  CHECK(detokenize(s) == text);
}

TEST_CASE("scripts written without spaces are split at ICU's word boundaries") {
  const TextSample s = tokenize("我喜欢北京 ok");
  CHECK(s.tokens.size() > 2);
  CHECK(s.tokens.back().text == "ok");
  CHECK(detokenize(s) == "我喜欢北京 ok");
}

TEST_CASE("bad text is refused with a reason") {
  CHECK_THROWS_WITH_AS(tokenize("caf\xc3 au lait"), "invalid UTF-8 at byte 3", std::runtime_error);
  CHECK_THROWS_WITH_AS(tokenize(""), "empty text", std::runtime_error);
  CHECK_THROWS_WITH_AS(tokenize(" \t "), "text holds only whitespace", std::runtime_error);
  CHECK_THROWS_AS(tokenize(std::string(kMaxTextBytes + 1, 'a')), std::runtime_error);
}

TEST_CASE("a token's word leaves its punctuation out and is lower-cased") {
  const WordCore w = word_core("\"Hello!\"");
  CHECK(w.lower == "hello");
  CHECK(w.begin == 1);
  CHECK(w.end == 6);
  CHECK(word_core("...").lower.empty());
  CHECK(word_core("U.S.").lower == "u.s");
}

TEST_CASE("WordNet's base forms follow NLTK's morphy") {
  const WordNet& wn = WordNet::system();
  CHECK(wn.base_forms("dogs", 0) == std::vector<std::string>{"dog"});
  CHECK(wn.base_forms("geese", 0) == std::vector<std::string>{"goose"});  // noun.exc
  CHECK(wn.base_forms("ran", 1) == std::vector<std::string>{"run"});      // verb.exc
  CHECK(wn.base_forms("better", 2) == std::vector<std::string>{"better", "good", "well"});
  CHECK(wn.base_forms("churches", 0) == std::vector<std::string>{"church"});
  CHECK(wn.base_forms("xyzzyq", 0).empty());
}

TEST_CASE("synonyms are WordNet lemmas of every synset, sorted, without the word or stop words") {
  const auto& dog = synonyms("dog");
  CHECK(has(dog, "domestic_dog"));
  CHECK(has(dog, "hotdog"));
  CHECK(!has(dog, "dog"));
  CHECK(std::is_sorted(dog.begin(), dog.end()));
  CHECK(has(synonyms("happy"), "felicitous"));
  CHECK(!has(synonyms("one"), "i"));  // WordNet lists "i" for one; it is an EDA stop word
  CHECK(synonyms("qwzxv").empty());
}

TEST_CASE("EDA's stop words and nlpaug's keyboard map") {
  CHECK(is_stop_word("the"));
  CHECK(is_stop_word(""));
  CHECK(!is_stop_word("dog"));
  CHECK(keyboard_neighbours('u') == "6^7&8*tihjk");
  CHECK(keyboard_neighbours('a') == "qwszx");
  CHECK(keyboard_neighbours('0').empty());
}
