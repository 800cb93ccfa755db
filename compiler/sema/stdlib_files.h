// The stdlib modules (stdlib/std/*.aug) embedded into the compiler at build time.
#pragma once

#include <string_view>
#include <vector>

namespace auger {

struct StdlibFile {
  std::string_view name;  // file stem: "prims_image", "vision", …
  std::string_view text;
};

const std::vector<StdlibFile>& stdlib_files();

}  // namespace auger
