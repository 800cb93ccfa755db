#include "engine/offline/part_manifest.h"

#include <map>
#include <set>
#include <vector>

#include "engine/offline/atomic_file.h"
#include "engine/offline/run_state.h"
#include "engine/offline/stale_files.h"

namespace auger::engine::offline {

namespace {

using json = nlohmann::ordered_json;

json process_entry(const json& part) {
  return {{"rank", part["rank"]},     {"status", part["status"]},   {"command", part["command"]},
          {"wall_s", part["wall_s"]}, {"workers", part["workers"]}, {"metrics", part["metrics"]}};
}

json merged(const std::vector<json>& parts) {
  json shards = json::array(), errors = json::array(), processes = json::array();
  std::size_t written = 0, items = 0;
  std::uint64_t compiled = 0;
  double compile_seconds = 0;
  bool ok = true;
  std::map<std::size_t, json> by_index;
  for (const auto& p : parts) {
    for (const auto& s : p["shards"]) by_index[s["shard"].get<std::size_t>()] = s;
    for (const auto& e : p["errors"]) errors.push_back(e);
    written += p["written"].get<std::size_t>();
    items += p["items"].get<std::size_t>();
    compiled += p["metrics"].value("kernels_compiled", std::uint64_t{0});
    compile_seconds += p["metrics"].value("compile_seconds", 0.0);
    ok = ok && p["status"] == "complete";
    processes.push_back(process_entry(p));
  }
  for (auto& [j, s] : by_index) shards.push_back(std::move(s));
  const json& first = parts.front();
  return {{"auger", "0.1.0"},
          {"status", ok ? "complete" : "failed"},
          {"identity", first["identity"]},
          {"command", first["command"]},
          {"samples", first["identity"]["samples"]},
          {"items", items},
          {"written", written},
          {"error_count", errors.size()},
          {"errors", errors},
          {"shard_samples", first["shard_samples"]},
          {"shards", shards},
          {"kernels_compiled", compiled},
          {"compile_seconds", compile_seconds},
          {"processes", processes}};
}

}  // namespace

void write_part(const fs::path& dir, int rank, const json& part) {
  write_file_atomically(part_file(dir, rank), temp_file(dir, "part.json", rank), json_text(part));
}

std::optional<json> merge_parts(const fs::path& dir, const json& identity, int world_size) {
  std::vector<json> parts;
  for (int r = 0; r < world_size; ++r) {
    json p = read_json_file(part_file(dir, r));
    // Missing, cut, or left by another run: the set is not complete yet.
    if (!p.is_object() || p.value("identity", json()) != identity || p.value("rank", -1) != r) return std::nullopt;
    parts.push_back(std::move(p));
  }
  try {
    return merged(parts);
  } catch (const json::exception&) {
    return std::nullopt;  // a part of another auger version: no merge rather than a wrong one
  }
}

void publish_manifest(const fs::path& dir, const json& manifest, int world_size, int rank) {
  const std::set<std::string> earlier = earlier_files(dir, world_size);  // before the old manifest goes
  std::set<std::string> listed;
  for (const auto& s : manifest["shards"])
    for (auto& f : shard_files(s)) listed.insert(std::move(f));
  write_file_atomically(dir / "manifest.json", temp_file(dir, "manifest.json", rank), json_text(manifest));
  remove_stale_files(dir, earlier, listed, world_size);
}

}  // namespace auger::engine::offline
