#include "runtime/text/keyboard.h"

#include <array>
#include <utility>

namespace auger::rt::text {

namespace {

// nlpaug's en.json for letters and digits ("0" has no entry there), each list in its order.
constexpr std::array<std::pair<char, std::string_view>, 35> kNeighbours = {{
    {'1', "!2@qw"},       {'2', "@1!3#qwe"},    {'3', "#2@4$we"},      {'4', "$3#5%er"},     {'5', "%4$6^rty"},
    {'6', "^5%7&tyu"},    {'7', "&6^8*yui"},    {'8', "*7&9(uio"},     {'9', "(8*0)iop"},    {'q', "1!2@was"},
    {'w', "1!2@3#qeasd"}, {'e', "2@3#4$wrsdf"}, {'r', "3#4$5%etdfg"},  {'t', "4$5%6^ryfgh"}, {'y', "5%6^7&tughj"},
    {'u', "6^7&8*tihjk"}, {'i', "7&8*9(uojkl"}, {'o', "8*9(0)ipkl"},   {'p', "9(0)ol"},      {'a', "qwszx"},
    {'s', "qweadzxc"},    {'d', "wersfxcv"},    {'f', "ertdgcvb"},     {'g', "rtyfhvbn"},    {'h', "tyugjbnm"},
    {'j', "yuihknm,<"},   {'k', "uiojlm,<.>"},  {'l', "iopk;:,<.>/?"}, {'z', "asx"},         {'x', "asdzc"},
    {'c', "sdfxv"},       {'v', "dfgcb"},       {'b', "fghvn"},        {'n', "ghjbm"},       {'m', "hjkn,<"},
}};

}  // namespace

std::string_view keyboard_neighbours(char c) {
  for (const auto& [key, near] : kNeighbours)
    if (key == c) return near;
  return {};
}

}  // namespace auger::rt::text
