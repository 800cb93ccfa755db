// A failed sample's error as the CLI prints it: named by its origin (the source's file and line, else its key)
// once — a source's own errors already begin with it ("m.jsonl:3: not JSON …", "m.jsonl:2 (audio): cannot open …").
#pragma once

#include <string>

namespace auger::cli {

inline std::string located_error(const std::string& origin, const std::string& key, const std::string& error) {
  const std::string& where = origin.empty() ? key : origin;
  if (error.rfind(where + ":", 0) == 0 || error.rfind(where + " (", 0) == 0) return error;
  return where + ": " + error;
}

}  // namespace auger::cli
