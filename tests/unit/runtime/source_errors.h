// What the source tests ask of a failure: the message of the SourceError a call throws.
#pragma once

#include <string>

#include "runtime/io/source.h"

namespace auger::test {

// The message of the SourceError that `f` throws ("" when it throws none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const rt::io::SourceError& e) {
    return e.what();
  }
  return "";
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace auger::test
