#include "engine/offline/stale_files.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <system_error>

#include "engine/offline/atomic_file.h"
#include "engine/offline/run_state.h"
#include "engine/output_key.h"

namespace auger::engine::offline {

namespace {

using json = nlohmann::ordered_json;

void add_listed(const json& holder, std::set<std::string>& out) {
  if (!holder.is_object() || !holder.contains("shards") || !holder["shards"].is_array()) return;
  for (const auto& s : holder["shards"])
    for (auto& f : shard_files(s)) out.insert(std::move(f));
}

void add_journal(const fs::path& path, std::set<std::string>& out) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    for (auto& f : shard_files(json::parse(line, nullptr, false))) out.insert(std::move(f));
}

void add_earlier_record(const fs::path& path, std::set<std::string>& out) {
  const json j = read_json_file(path);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) return;
  for (const auto& f : j["files"])
    if (f.is_string()) out.insert(f.get<std::string>());
}

// process rank of the records named `stem`.rR.`ext` in .auger, or -1.
int rank_of(const fs::path& p, const std::string& stem) {
  static const std::regex re(R"(([a-z]+)\.r(\d{1,6})\.(json|jsonl))");
  std::smatch m;
  const std::string name = p.filename().string();
  return std::regex_match(name, m, re) && m[1] == stem ? std::stoi(m[2]) : -1;
}

// Safe to remove: a normalised relative name with no symbolic link between DIR and it.
bool removable(const fs::path& dir, const std::string& name) {
  const SafeKey k = safe_output_key(name);
  if (!k.ok() || k.key != name) return false;
  std::error_code ec;
  fs::path p = dir;
  for (const auto& part : fs::path(name).parent_path()) {
    p /= part;
    if (fs::is_symlink(p, ec)) return false;
  }
  return true;
}

bool remove_file(const fs::path& p) {
  std::error_code ec;
  const auto st = fs::symlink_status(p, ec);
  if (ec || !(fs::is_regular_file(st) || fs::is_symlink(st))) return false;
  return fs::remove(p, ec);
}

void prune_empty_parents(const fs::path& dir, fs::path p) {
  std::error_code ec;
  for (p = p.parent_path(); p != dir && p.string().size() > dir.string().size(); p = p.parent_path())
    if (!fs::is_empty(p, ec) || ec || !fs::remove(p, ec)) break;
}

}  // namespace

void remember_earlier_files(const fs::path& dir, int rank) {
  std::set<std::string> files;
  add_earlier_record(earlier_file(dir, rank), files);
  add_journal(journal_file(dir, rank), files);
  add_listed(read_json_file(part_file(dir, rank)), files);
  add_listed(read_json_file(dir / "manifest.json"), files);
  if (files.empty()) return;
  write_file_atomically(earlier_file(dir, rank), temp_file(dir, "earlier.json", rank),
                        json_text(json{{"files", files}}));
}

std::set<std::string> earlier_files(const fs::path& dir, int world_size) {
  std::set<std::string> files;
  add_listed(read_json_file(dir / "manifest.json"), files);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(state_dir(dir), ec)) {
    if (rank_of(e.path(), "earlier") >= 0) add_earlier_record(e.path(), files);
    if (rank_of(e.path(), "journal") >= world_size) add_journal(e.path(), files);
    if (rank_of(e.path(), "part") >= world_size) add_listed(read_json_file(e.path()), files);
  }
  return files;
}

std::size_t remove_stale_files(const fs::path& dir, const std::set<std::string>& earlier,
                               const std::set<std::string>& listed, int world_size) {
  std::size_t removed = 0;
  for (const auto& name : earlier) {
    if (listed.count(name) || !removable(dir, name)) continue;
    const bool gone = remove_file(dir / name);
    remove_file(dir / (name + ".tmp"));
    if (gone) {
      ++removed;
      prune_empty_parents(dir, dir / name);
    }
  }
  std::error_code ec;
  std::vector<fs::path> records;
  for (const auto& e : fs::directory_iterator(state_dir(dir), ec))
    if (rank_of(e.path(), "earlier") >= 0 || rank_of(e.path(), "journal") >= world_size ||
        rank_of(e.path(), "part") >= world_size)
      records.push_back(e.path());
  for (const auto& p : records) fs::remove(p, ec);
  return removed;
}

}  // namespace auger::engine::offline
