#include "engine/offline/foreign_files.h"

#include <fmt/format.h>

#include <system_error>
#include <utility>

#include "engine/offline/stale_files.h"

namespace auger::engine::offline {

ForeignFiles::ForeignFiles(std::filesystem::path dir) : dir_(std::move(dir)), recorded_(earlier_files(dir_, 0)) {}

std::string ForeignFiles::first(const std::vector<std::string>& names) const {
  for (const auto& name : names) {
    if (recorded_.count(name)) continue;
    std::error_code ec;
    const auto st = std::filesystem::symlink_status(dir_ / name, ec);
    if (!ec && std::filesystem::exists(st)) return name;
  }
  return {};
}

std::string ForeignFiles::refusal(const std::string& name) const {
  return fmt::format(
      "{}: a file no auger run wrote is there, and auger never replaces one (--force only writes "
      "beside such files); move it, or use another --output",
      (dir_ / name).string());
}

}  // namespace auger::engine::offline
