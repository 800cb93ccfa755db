#include "engine/offline/output_folder.h"

#include <fmt/format.h>

#include <system_error>

#include "engine/offline/atomic_file.h"
#include "engine/offline/run_identity.h"
#include "engine/offline/run_state.h"
#include "engine/offline/stale_files.h"

namespace auger::engine::offline {

namespace {

using json = nlohmann::ordered_json;

enum class Found { kNothing, kAugerRun, kForeign };

Found what_is_there(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Found::kNothing;
  if (fs::exists(dir / "manifest.json", ec) || fs::is_directory(state_dir(dir), ec)) return Found::kAugerRun;
  fs::directory_iterator it(dir, ec);  // a file where the folder should be fails below, when it is created
  return ec || it == fs::directory_iterator() ? Found::kNothing : Found::kForeign;
}

// The identity of the run the folder holds: run.json's, else the manifest's; null when neither says.
json earlier_identity(const fs::path& dir) {
  json j = read_json_file(run_file(dir));
  if (j.is_object()) return j;
  j = read_json_file(dir / "manifest.json");
  return j.is_object() ? j.value("identity", json()) : json();
}

bool this_process_ran(const fs::path& dir, int rank) {
  std::error_code ec;
  if (fs::exists(part_file(dir, rank), ec)) return true;
  const auto journal = fs::file_size(journal_file(dir, rank), ec);
  return !ec && journal > 0;
}

Outcome usage(std::string message) {
  return {Status::kUsage, std::move(message)};
}

}  // namespace

FolderPlan check_output_folder(const fs::path& dir, const json& identity, int rank, bool resume, bool force) {
  const Found found = what_is_there(dir);
  if (found == Found::kForeign && !force)
    return {
        usage(fmt::format("--output {} is not empty and holds no auger run (no manifest.json, no .auger/): "
                          "auger will not write among files it did not write; use an empty or new folder, "
                          "or --force to write beside them (they are kept)",
                          dir.string()))};
  const json before = found == Found::kAugerRun ? earlier_identity(dir) : json();
  const bool same = before == identity;
  if (resume && !before.is_null() && !same)
    return {usage(fmt::format("--resume: {} holds another run ({}); use a new --output or --force to start over",
                              dir.string(), identity_difference(before, identity)))};
  const bool ran = same && this_process_ran(dir, rank);
  if (!resume && !force && !before.is_null() && (!same || ran))
    return {
        usage(same ? fmt::format("{} already holds this run; --resume continues it, --force starts over", dir.string())
                   : fmt::format("{} already holds another run ({}); --force starts over, a new --output keeps it",
                                 dir.string(), identity_difference(before, identity)))};
  return {{}, resume, found == Found::kAugerRun, same};
}

void prepare_output_folder(const fs::path& dir, const json& identity, int rank, const FolderPlan& plan) {
  std::error_code ec;
  fs::create_directories(state_dir(dir), ec);
  if (ec) throw IoError(fmt::format("cannot create {}: {}", state_dir(dir).string(), ec.message()));
  // Starting over: what this process's earlier part and the earlier manifest listed may have to go at the merge.
  if (!plan.resume && plan.earlier_run) remember_earlier_files(dir, rank);
  if (!plan.same) write_file_atomically(run_file(dir), temp_file(dir, "run.json", rank), json_text(identity));
  fs::remove(part_file(dir, rank), ec);
}

}  // namespace auger::engine::offline
