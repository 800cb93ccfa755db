// The US QWERTY neighbours of nlpaug's `en` keyboard map (nlpaug/res/char/keyboard/en.json), for char_noise's
// `keyboard` kind. Two entries of that file are read as meant (docs/text.md): "u"'s neighbour " t" is "t", and
// "a" is not its own neighbour.
#pragma once

#include <string_view>

namespace auger::rt::text {

// The neighbours of lower-case ASCII letter or digit `c` as one string of characters; empty when it has none.
std::string_view keyboard_neighbours(char c);

}  // namespace auger::rt::text
