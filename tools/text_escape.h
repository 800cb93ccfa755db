// Text from a data set made safe to show: hostile text must not inject markup into an HTML table nor control
// sequences into a terminal, and must stay aligned in a plain-text one.
#pragma once

#include <string>
#include <string_view>

namespace auger::cli {

// HTML text: & < > " ' as character references, other control characters (but tab, newline and carriage return)
// written as the visible escape \xNN, invalid UTF-8 as U+FFFD.
std::string html_escape(std::string_view s);

// Terminal text: control characters as \n, \r, \t or \xNN, and each byte of invalid UTF-8 as \xNN.
std::string plain_escape(std::string_view s);

// Columns `s` takes in a monospaced terminal: East Asian wide and fullwidth characters 2, combining marks and
// format characters 0, others 1 (invalid UTF-8 counts one per byte).
int display_width(std::string_view s);

}  // namespace auger::cli
