#include "engine/offline/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "engine/offline/atomic_file.h"
#include "engine/offline/run_state.h"

namespace auger::engine::offline {

namespace {

bool files_exist(const fs::path& dir, const nlohmann::ordered_json& record) {
  const auto files = shard_files(record);
  for (const auto& f : files)
    if (!fs::exists(dir / f)) return false;
  return !files.empty() || record.value("written", std::size_t{1}) == 0;
}

// A line this version wrote whole: anything else (cut by a kill, edited) means the shard is redone.
bool is_shard_record(const nlohmann::ordered_json& j) {
  if (j.is_discarded() || !j.is_object()) return false;
  const auto shard = j.find("shard"), written = j.find("written"), errors = j.find("errors");
  return shard != j.end() && shard->is_number_unsigned() && written != j.end() && written->is_number_unsigned() &&
         errors != j.end() && errors->is_array();
}

}  // namespace

ShardRecords read_journal(const fs::path& dir, int rank, const nlohmann::ordered_json& identity) {
  ShardRecords done;
  std::ifstream in(journal_file(dir, rank));
  std::string line;
  if (!std::getline(in, line)) return done;
  const auto header = nlohmann::ordered_json::parse(line, nullptr, false);
  if (header.is_discarded() || !header.is_object() || header.value("identity", nlohmann::ordered_json()) != identity)
    return done;  // another run's journal: nothing of it is this run's
  while (std::getline(in, line)) {
    const auto j = nlohmann::ordered_json::parse(line, nullptr, false);
    if (!is_shard_record(j)) continue;
    if (files_exist(dir, j)) done[j["shard"].get<std::size_t>()] = j;
  }
  return done;
}

Journal::Journal(const fs::path& dir, int rank, const nlohmann::ordered_json& identity, bool fresh)
    : path_(journal_file(dir, rank)) {
  const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (fresh ? O_TRUNC : 0);
  fd_ = ::open(path_.c_str(), flags, 0644);
  if (fd_ < 0) throw IoError("cannot open " + path_.string() + ": " + std::strerror(errno));
  if (::lseek(fd_, 0, SEEK_END) == 0) append({{"identity", identity}});  // a new journal starts with its header
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::append(const nlohmann::ordered_json& record) {
  // One write per line, flushed before the next shard starts: a kill cuts at most the last line.
  if (const int err = write_fully(fd_, json_text(record, -1)); err || ::fdatasync(fd_) != 0)
    throw IoError("cannot write " + path_.string() + ": " + std::strerror(err ? err : errno));
}

}  // namespace auger::engine::offline
