// The files an earlier run in the output folder wrote and the new run does not list: a run over an earlier one
// (--force) must not leave them beside its own shards. Only files an auger run listed are ever removed, never a
// file auger did not write.
#pragma once

#include <filesystem>
#include <set>
#include <string>

namespace auger::engine::offline {

// Records, in DIR/.auger/earlier.rR.json, the files process `rank`'s earlier journal and part listed and the files
// DIR/manifest.json lists, before this process starts its journal over. Throws IoError.
void remember_earlier_files(const std::filesystem::path& dir, int rank);

// Everything earlier runs wrote, as far as the folder still says: earlier.r*.json, the manifest about to be
// replaced, and the journals and parts of processes beyond `world_size` (0: of every process, so every file an
// auger record in the folder lists).
std::set<std::string> earlier_files(const std::filesystem::path& dir, int world_size);

// Removes each of `earlier` (and its .tmp) that `listed` does not hold, then the records of earlier runs. A name
// that is not a safe relative path, or lies behind a symbolic link, is left alone. Returns the files removed.
std::size_t remove_stale_files(const std::filesystem::path& dir, const std::set<std::string>& earlier,
                               const std::set<std::string>& listed, int world_size);

}  // namespace auger::engine::offline
