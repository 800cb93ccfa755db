// The caption word swap of `hflip(caption: swap_lr)` (runtime/labels/caption_swap.h): whole ASCII words only,
// case kept per word, hyphenated compounds and possessives, non-directional look-alikes untouched, UTF-8 passed
// through byte for byte, and applying it twice gives the caption back.
#include "runtime/labels/caption_swap.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using auger::rt::labels::swap_left_right;

namespace {

// Pairs (caption, swapped caption); every pair is also checked in the other direction.
const std::vector<std::pair<std::string, std::string>>& swapped_pairs() {
  static const std::vector<std::pair<std::string, std::string>> pairs = {
      {"left", "right"},
      {"a dog to the left of a tree", "a dog to the right of a tree"},
      {"a cat on the right, a dog on the left", "a cat on the left, a dog on the right"},
      {"Left", "Right"},
      {"LEFT", "RIGHT"},
      {"Left and RIGHT and left", "Right and LEFT and right"},
      {"the leftmost car", "the rightmost car"},
      {"the Rightmost car", "the Leftmost car"},
      {"LEFTMOST", "RIGHTMOST"},
      {"his left-hand glove", "his right-hand glove"},
      {"a lefthand turn", "a righthand turn"},
      {"a left-handed player", "a right-handed player"},
      {"a lefthanded player", "a righthanded player"},
      {"left-handedness", "right-handedness"},
      {"lefthandedness", "righthandedness"},
      {"a lefthander and two righthanders", "a righthander and two lefthanders"},
      {"the pitcher is a lefty", "the pitcher is a righty"},
      {"two lefties", "two righties"},
      {"moving leftward", "moving rightward"},
      {"Leftwards, then rightwards", "Rightwards, then leftwards"},
      {"the left-side door", "the right-side door"},
      {"top-left corner", "top-right corner"},
      {"Bottom-Right", "Bottom-Left"},
      {"read left-to-right", "read right-to-left"},
      {"the left's edge", "the right's edge"},
      {"left_eye", "right_eye"},
      {"left,", "right,"},
      {"(right)", "(left)"},
      {"\"left\"", "\"right\""},
      {"left.right;left:right!left?", "right.left;right:left!right?"},
      {"left/right", "right/left"},
      {"  left\tright\n", "  right\tleft\n"},
      {"LeftMost", "RightMost"},
      {"LEFTmost", "RIGHTmost"},
      // Known limitation (caption_swap.h): "right" meaning correct and the verb "left" are swapped too.
      {"she left the room", "she right the room"},
      {"the right answer", "the left answer"},
  };
  return pairs;
}

}  // namespace

TEST_CASE("caption swap: left/right words and their forms") {
  for (const auto& [in, want] : swapped_pairs()) {
    CAPTURE(in);
    CHECK(swap_left_right(in) == want);
    CHECK(swap_left_right(want) == in);
  }
}

TEST_CASE("caption swap: applying it twice gives the caption back") {
  for (const auto& [in, want] : swapped_pairs()) {
    CAPTURE(in);
    CHECK(swap_left_right(swap_left_right(in)) == in);
  }
  const std::string mixed =
      "Left of the bright leftover copyright sign, the RIGHT-hand man — à gauche — stands left-to-right’s way.";
  CHECK(swap_left_right(swap_left_right(mixed)) == mixed);
}

TEST_CASE("caption swap: words that only contain left or right are untouched") {
  for (const char* s :
       {"leftover",     "leftovers", "bright",   "Bright",    "copyright",  "righteous", "rightly",
        "outright",     "alright",   "upright",  "downright", "birthright", "rights",    "lefts",
        "human rights", "leftist",   "rightist", "rightside", "lefter",     "aleft",     "left2",
        "3right",       "right0",    "leftx",    "Lefts",     "RIGHTS",     "lefthands", "rightwardly"}) {
    CAPTURE(s);
    CHECK(swap_left_right(s) == s);
  }
  CHECK(swap_left_right("the leftover pizza on the right") == "the leftover pizza on the left");
  CHECK(swap_left_right("a bright light to the left") == "a bright light to the right");
}

TEST_CASE("caption swap: odd mixed case keeps the stem's first letter") {
  CHECK(swap_left_right("lEFT") == "right");
  CHECK(swap_left_right("LeFt") == "Right");
  CHECK(swap_left_right("rIGHTMOST") == "leftMOST");
}

TEST_CASE("caption swap: UTF-8 passes through untouched") {
  CHECK(swap_left_right("") == "");
  CHECK(swap_left_right("no direction here") == "no direction here");
  CHECK(swap_left_right("un chien à gauche") == "un chien à gauche");
  CHECK(swap_left_right("左边的狗") == "左边的狗");
  CHECK(swap_left_right("café on the left 🐕") == "café on the right 🐕");
  CHECK(swap_left_right("left—right") == "right—left");             // em dash
  CHECK(swap_left_right("the left’s edge") == "the right’s edge");  // curly apostrophe
  CHECK(swap_left_right("«left» …right…") == "«right» …left…");
  CHECK(swap_left_right("élan left naïve") == "élan right naïve");
  // Bytes of a multi-byte character are boundaries: a word next to one is still a whole word.
  CHECK(swap_left_right("éleftë") == "érightë");
  // Invalid UTF-8 bytes are copied as they are.
  const std::string bad = std::string("\xff\xfe left \xc3") + "right\x80";
  CHECK(swap_left_right(bad) == std::string("\xff\xfe right \xc3") + "left\x80");
  // Embedded NUL bytes are ordinary boundaries.
  const std::string nul("left\0right", 10);
  CHECK(swap_left_right(nul) == std::string("right\0left", 10));
}

TEST_CASE("caption swap: vflip's top/bottom words") {
  using auger::rt::labels::swap_top_bottom;
  CHECK(swap_top_bottom("a lamp above the table, the cat below") == "a lamp below the table, the cat above");
  CHECK(swap_top_bottom("Top-left corner, bottommost shelf") == "Bottom-left corner, topmost shelf");
  CHECK(swap_top_bottom("the UPPER lip and the lower jaw") == "the LOWER lip and the upper jaw");
  CHECK(swap_top_bottom("looking upwards, then downward") == "looking downwards, then upward");
  // Plurals (clothes), "up"/"down" and words that only start like a stem are kept.
  CHECK(swap_top_bottom("tops and bottoms, up and down, topic, lowercase") ==
        "tops and bottoms, up and down, topic, lowercase");
  CHECK(swap_top_bottom("left of the top") == "left of the bottom");
  const std::string s = "Above the upper left, below the bottom right";
  CHECK(swap_top_bottom(swap_top_bottom(s)) == s);
}
