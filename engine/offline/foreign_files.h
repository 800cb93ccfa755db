// The files in an output folder that no auger run wrote (cli.md "Output folders"): `--force` writes beside them
// and never replaces one. A name is auger's when a record in the folder lists it — the manifest, a process's
// journal (a shard being committed when a run was killed included), part, or an earlier run's record; any other
// name that exists there (a file, a folder, a link) is foreign.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace auger::engine::offline {

class ForeignFiles {
 public:
  // Reads the folder's records; call it before this process starts its journal over.
  explicit ForeignFiles(std::filesystem::path dir);
  // The first of `names` (relative to the folder) that exists and is foreign; empty when none is.
  [[nodiscard]] std::string first(const std::vector<std::string>& names) const;
  // Why `name` is not written: for a sample's error, or a refused shard.
  [[nodiscard]] std::string refusal(const std::string& name) const;

 private:
  std::filesystem::path dir_;
  std::set<std::string> recorded_;
};

}  // namespace auger::engine::offline
