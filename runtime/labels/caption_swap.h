// The caption side of `hflip(caption: swap_lr)` (language.md §7 rule 2; std/prims_image.aug `hflip`): a caption
// describing an image that is mirrored left-right must have its left and right exchanged.
//
// Words. A word is a maximal run of ASCII letters and digits; every other byte (spaces, punctuation, hyphens,
// apostrophes, underscores, and every byte of a non-ASCII UTF-8 character) is a boundary and is copied unchanged.
// Only whole words are compared, so "leftover", "bright", "copyright", "righteous", "rightly", "outright",
// "alright", "upright", "left2" are never touched, and multi-byte UTF-8 characters (even invalid UTF-8) pass
// through byte for byte: nothing but the swapped ASCII words changes.
//
// Swapped words, in either direction, case-insensitively:
//   left <-> right            leftmost <-> rightmost       leftward(s) <-> rightward(s)
//   lefthand <-> righthand    lefthanded <-> righthanded   lefthander(s) <-> righthander(s)
//   lefthandedness <-> righthandedness                     lefty/lefties <-> righty/righties
// Hyphenated and possessive forms follow from the word rule: "left-hand", "left-handed", "left-side",
// "top-left" <-> "top-right", "left-to-right" <-> "right-to-left", "left's" <-> "right's", "left_eye".
// "lefty" (a left-handed person) is swapped for the same reason as "left-handed": in the mirrored image that person
// appears right-handed. Not swapped: plurals "lefts"/"rights" ("human rights", "all rights reserved" outnumber
// "two lefts"; swapping one would force swapping the other) and political "leftist"/"rightist".
//
// Case is kept per word: the "left"/"right" stem is written all upper-case when it was all upper-case ("LEFT" ->
// "RIGHT"), capitalised when its first letter was ("Left" -> "Right", "LeftMost" -> "RightMost"), lower-case
// otherwise; the rest of the word ("most", "-hand", ...) is copied as it was. The swap is an involution,
// swap_left_right(swap_left_right(s)) == s, for every caption whose swapped stems are lower-case, capitalised or
// all upper-case (odd mixes such as "lEFT" come back as "left").
//
// Known limitation: the words are swapped without reading the sentence, so "right" meaning correct ("the right
// answer", "right away", "right-side up") and the verb "left" ("she left the room") are swapped too, as every
// standalone "left"/"right" is. This matches what other captioning augmenters do; a caption for which it matters
// should use `caption: keep`.
#pragma once

#include <string>
#include <string_view>

namespace auger::rt::labels {

// Swaps the words meaning left and right in a caption mirrored by a horizontal flip.
std::string swap_left_right(std::string_view caption);

// `vflip(caption: swap_tb)`: the same word rule and case keeping for top <-> bottom (topmost <-> bottommost),
// above <-> below, upper <-> lower (uppermost <-> lowermost), upward(s) <-> downward(s). Not "up"/"down" alone,
// nor "tops"/"bottoms".
std::string swap_top_bottom(std::string_view caption);

}  // namespace auger::rt::labels
