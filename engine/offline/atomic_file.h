// Files of an offline run that must appear whole or not at all (run.json, part manifests, manifest.json), and the
// error every I/O failure of the run becomes: it names the path and the operating system's reason.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace auger::engine::offline {

// An I/O failure on the output (a full disk, EIO, a read-only or missing folder): the run fails (exit 3).
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes `text` to `tmp` (flushed to disk), then renames it to `path`. Throws IoError naming the path and errno's
// reason; `path` keeps what it held before.
void write_file_atomically(const std::filesystem::path& path, const std::filesystem::path& tmp,
                           const std::string& text);

// Writes all of `text` to `fd`; 0, or the errno of the failure.
int write_fully(int fd, const std::string& text);

// JSON as the run's files hold it: indented, and invalid UTF-8 in a key (a tar member name) replaced rather than
// thrown on.
std::string json_text(const nlohmann::ordered_json& j, int indent = 2);

// The file's JSON, or null when it is missing or not JSON (a file cut by a kill).
nlohmann::ordered_json read_json_file(const std::filesystem::path& path);

}  // namespace auger::engine::offline
