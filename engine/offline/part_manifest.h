// Each process's part of a run's manifest (DIR/.auger/part.rR.json) and the merge into DIR/manifest.json. Parts
// never wait on each other: each writes its part and exits; whichever process finds every part of the run there
// (the same identity) merges them. The merge is a function of the parts alone and lands by an atomic rename, so
// two processes finishing at once write the same bytes.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

namespace auger::engine::offline {

// Writes process `rank`'s part. Throws IoError.
void write_part(const std::filesystem::path& dir, int rank, const nlohmann::ordered_json& part);

// The merged manifest when all `world_size` parts of the run with `identity` are there, else nothing.
std::optional<nlohmann::ordered_json> merge_parts(const std::filesystem::path& dir,
                                                  const nlohmann::ordered_json& identity, int world_size);

// Writes DIR/manifest.json (through a temporary file of process `rank`) and removes what earlier runs in the folder
// wrote that it does not list. Throws IoError.
void publish_manifest(const std::filesystem::path& dir, const nlohmann::ordered_json& manifest, int world_size,
                      int rank);

}  // namespace auger::engine::offline
